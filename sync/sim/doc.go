// Package sim runs the sync stack under hostile conditions, for tests: a
// Dialer whose connections drop, duplicate, reorder and cut frames
// (FaultDialer), and the fold that says whether two replicas hold the same
// state (Fold). Its tests are the convergence test (a relay and five
// clients over a faulty network, many seeds) and the crash test (relay and
// clients as separate processes killed with SIGKILL and restarted).
//
// It imports sync/client, sync/relay, sync/protocol, internal/store and
// internal/model; nothing but tests imports it.
package sim

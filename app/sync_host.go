package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/scriptroom/scriptroom/sync/relay"
)

// hostStopWait is how long stopping the hosted relay waits for its
// connections to close.
const hostStopWait = 5 * time.Second

// hostMinFreeDisk is the free space the relay hosted in the app leaves on
// the writer's disk. A team's relay on a laptop serves a few people; the
// relay's own 1 GiB default (meant for a server's log disk) would refuse a
// colleague's edits on a laptop that is merely full-ish.
const hostMinFreeDisk = 64 << 20

// devServerOrigins are the Wails dev server's origins, allowed by the
// hosted relay besides relay.DefaultOrigins.
var devServerOrigins = []string{"http://localhost:34115"}

// HostInfo says whether this computer hosts a relay, and the addresses
// teammates on the same network enter as their relay.
type HostInfo struct {
	Running bool     `json:"running"`
	Port    int      `json:"port"`
	URLs    []string `json:"urls"`
	// Data is the folder holding the hosted relay's log.
	Data string `json:"data"`
}

// hostedRelay is a relay served by the app.
type hostedRelay struct {
	port    int
	data    string
	backend *relay.BoltBackend
	relay   *relay.Relay
	srv     *http.Server
}

// HostInfo reports the relay hosted here.
func (s *Sync) HostInfo() (HostInfo, error) {
	s.mu.Lock()
	h := s.host
	s.mu.Unlock()
	if h == nil {
		return HostInfo{URLs: []string{}}, nil
	}
	return HostInfo{Running: true, Port: h.port, URLs: lanURLs(h.port), Data: h.data}, nil
}

// Host runs a relay on this computer, on every network interface at port
// (a free one when 0), with its log in relay-data beside the library. The
// app then syncs through it; teammates on the same network use one of the
// returned addresses. It starts again with the app until StopHost.
func (s *Sync) Host(port int) (HostInfo, error) {
	doing := "Could not host a relay on this computer"
	if port < 0 || port > 65535 {
		return HostInfo{}, &userError{msg: fmt.Sprintf("%s: a port is a number from 1 to 65535", doing)}
	}
	h, err := s.startHost(port)
	if err != nil {
		return HostInfo{}, &userError{msg: doing + ": " + err.Error(), err: err}
	}
	if err := s.c.store.PutSetting(settingHostPort, strconv.Itoa(h.port)); err != nil {
		return HostInfo{}, plain(doing, err)
	}
	if _, err := s.SetRelayURL(fmt.Sprintf("ws://127.0.0.1:%d/ws", h.port)); err != nil {
		return HostInfo{}, err
	}
	return s.HostInfo()
}

func (s *Sync) startHost(port int) (*hostedRelay, error) {
	s.mu.Lock()
	if h := s.host; h != nil {
		s.mu.Unlock()
		if h.port == port || port == 0 {
			return h, nil
		}
		s.stopHost(false)
	} else {
		s.mu.Unlock()
	}
	data := filepath.Join(filepath.Dir(s.c.store.Path()), "relay-data")
	if err := os.MkdirAll(data, 0o700); err != nil {
		return nil, fmt.Errorf("make the relay's folder: %w", err)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("0.0.0.0", strconv.Itoa(port)))
	if err != nil {
		return nil, fmt.Errorf("port %d is not free (%v); try another", port, err)
	}
	backend, err := relay.OpenBolt(filepath.Join(data, "relay.db"), relay.BoltOptions{})
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("open the relay's log: %w", err)
	}
	name, _ := os.Hostname()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	rl, err := relay.New(relay.Config{Backend: backend, Name: name, AllowOrigins: devServerOrigins, Logger: log, MinFreeDisk: hostMinFreeDisk})
	if err != nil {
		ln.Close()
		backend.Close()
		return nil, err
	}
	h := &hostedRelay{
		port: ln.Addr().(*net.TCPAddr).Port, data: data, backend: backend, relay: rl,
		srv: &http.Server{Handler: rl.Handler(), ReadHeaderTimeout: 10 * time.Second},
	}
	go func() {
		if err := h.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.setProblem("The relay on this computer stopped: " + err.Error())
		}
	}()
	s.mu.Lock()
	s.host = h
	s.mu.Unlock()
	return h, nil
}

// StopHost stops the relay hosted here. Teammates syncing through it go
// offline until it runs again; nothing acknowledged is lost.
func (s *Sync) StopHost() (HostInfo, error) {
	s.stopHost(true)
	s.emitStatus()
	return s.HostInfo()
}

// stopHost stops the hosted relay; forget also stops it starting with the
// app.
func (s *Sync) stopHost(forget bool) {
	s.mu.Lock()
	h := s.host
	s.host = nil
	s.mu.Unlock()
	if forget {
		_ = s.c.store.PutSetting(settingHostPort, "")
	}
	if h == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), hostStopWait)
	defer cancel()
	_ = h.srv.Shutdown(ctx)
	_ = h.relay.Shutdown(ctx)
	_ = h.backend.Close()
}

// lanURLs are the relay addresses of this computer's non-loopback IPv4
// addresses.
func lanURLs(port int) []string {
	out := []string{}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return out
	}
	for _, a := range addrs {
		ipn, ok := a.(*net.IPNet)
		if !ok || ipn.IP.IsLoopback() || ipn.IP.To4() == nil || ipn.IP.IsLinkLocalUnicast() {
			continue
		}
		out = append(out, fmt.Sprintf("ws://%s/ws", net.JoinHostPort(ipn.IP.String(), strconv.Itoa(port))))
	}
	return out
}

func parsePort(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

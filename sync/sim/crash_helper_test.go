package sim

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"syscall"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/store"
	"github.com/scriptroom/scriptroom/sync/client"
	"github.com/scriptroom/scriptroom/sync/relay"
)

// The crash test runs the relay and the clients as child processes: the
// test binary itself, with roleEnv naming the part to play. The children
// talk to the test by lines on stdout, written unbuffered so that a line
// printed before a SIGKILL is read after it.
const (
	roleEnv = "SCRIPTROOM_SIM_ROLE" // "relay" or "client"
	// Relay: the data folder and the address to listen on.
	dirEnv  = "SCRIPTROOM_SIM_DIR"
	addrEnv = "SCRIPTROOM_SIM_ADDR"
	// Client: the store, the relay, the identity (JSON), the room, how
	// many events to publish, a tag that makes them unique, and the mode:
	// "publish" publishes then says idle and waits to be killed; "drain"
	// exits once the outbox is empty and the room caught up.
	dbEnv      = "SCRIPTROOM_SIM_DB"
	urlEnv     = "SCRIPTROOM_SIM_URL"
	identEnv   = "SCRIPTROOM_SIM_IDENTITY"
	roomEnv    = "SCRIPTROOM_SIM_ROOM"
	publishEnv = "SCRIPTROOM_SIM_PUBLISH"
	tagEnv     = "SCRIPTROOM_SIM_TAG"
	modeEnv    = "SCRIPTROOM_SIM_MODE"
)

// The lines children print.
const (
	lineReady = "READY" // relay: listening
	lineIdle  = "IDLE"  // client: everything published is acknowledged
	linePub   = "PUB "  // client: PUB <id>, the event is in the outbox (durable)
	lineAck   = "ACK "  // client: ACK <id>, the relay acknowledged it and the outbox deletion committed
)

func TestMain(m *testing.M) {
	if os.Getenv(roleEnv) != "" {
		// The test holds our stdin open: when it dies, so do we, instead
		// of running on as orphans.
		go func() {
			io.Copy(io.Discard, os.Stdin)
			os.Exit(3)
		}()
	}
	switch os.Getenv(roleEnv) {
	case "relay":
		os.Exit(exitCode(relayMain()))
	case "client":
		os.Exit(exitCode(clientMain()))
	}
	os.Exit(m.Run())
}

func exitCode(err error) int {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// say prints a line for the test, unbuffered.
func say(format string, args ...any) {
	fmt.Fprintf(os.Stdout, format+"\n", args...)
}

// relayMain serves a relay over a durable bolt log (fsync on every
// commit: an ack means the event is on disk) until SIGTERM.
func relayMain() error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	backend, err := relay.OpenBolt(os.Getenv(dirEnv)+"/relay.db", relay.BoltOptions{})
	if err != nil {
		return err
	}
	defer backend.Close()
	r, err := relay.New(relay.Config{
		Backend: backend, Name: "crash-relay",
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
		ConnRate: rate.Inf, AddrRate: rate.Inf,
	})
	if err != nil {
		return err
	}
	// The killed relay's port may take a moment to be free again.
	var ln net.Listener
	for deadline := time.Now().Add(5 * time.Second); ; {
		if ln, err = net.Listen("tcp", os.Getenv(addrEnv)); err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: r.Handler()}
	go srv.Serve(ln)
	say(lineReady)
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(sctx)
	return r.Shutdown(sctx)
}

// clientMain runs a client on a store: in publish mode it publishes its
// events, says idle once they are all acknowledged, and runs until killed;
// in drain mode it exits once the outbox is empty and the room has caught
// up with the relay.
func clientMain() error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	var id model.Identity
	if err := json.Unmarshal([]byte(os.Getenv(identEnv)), &id); err != nil {
		return fmt.Errorf("identity: %w", err)
	}
	room := model.ScriptID(os.Getenv(roomEnv))
	n, _ := strconv.Atoi(os.Getenv(publishEnv))
	st, err := store.Open(os.Getenv(dbEnv), store.Options{LockTimeout: 5 * time.Second})
	if err != nil {
		return err
	}
	defer st.Close()
	statuses := make(chan client.Status, 64)
	c := client.New(client.Config{
		URL: os.Getenv(urlEnv), Identity: &id, Store: st,
		Backoff:    client.Backoff{Base: 2 * time.Millisecond, Max: 50 * time.Millisecond, Jitter: 0.5},
		AckTimeout: 500 * time.Millisecond, GapWait: 100 * time.Millisecond, ResyncEvery: time.Second,
		OnAck: func(ids []model.EventID) {
			for _, id := range ids {
				say("%s%s", lineAck, id)
			}
		},
		OnStatus: func(s client.Status) {
			select {
			case statuses <- s:
			default:
			}
		},
	})
	if err := c.Join(room); err != nil {
		return err
	}
	c.Start()
	defer c.Stop()
	tag := os.Getenv(tagEnv)
	for i := range n {
		ev, err := model.NewEvent(&id, room, model.KindComment, map[string]string{"body": fmt.Sprint(tag, " ", i)}, time.Now())
		if err != nil {
			return err
		}
		if err := c.Publish(ev); err != nil {
			return err
		}
		say("%s%s", linePub, ev.ID)
		time.Sleep(time.Duration(2+i%5) * time.Millisecond)
	}
	drain := os.Getenv(modeEnv) == "drain"
	idle := false
	for {
		// Online means: the outbox is empty and every room's replay is
		// over with the cursor at the head the relay announced.
		if s := c.Status(); s.State == client.StateOnline && !idle {
			if out, err := st.Outbox(""); err == nil && len(out) == 0 {
				if drain {
					return nil
				}
				say(lineIdle)
				idle = true
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-statuses:
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// child is a running helper process.
type child struct {
	name  string
	cmd   *exec.Cmd
	lines chan string // closed at EOF
	done  chan struct{}
	err   error // Wait's, once done is closed
}

var errChildTimeout = errors.New("timed out")

// startChild runs the test binary as role with env, passing every stdout
// line to onLine before lines.
func startChild(name string, env []string, onLine func(string)) (*child, error) {
	cmd := exec.Command(os.Args[0])
	// The race detector sleeps a second at exit unless told not to.
	cmd.Env = append(append(os.Environ(), "GORACE=atexit_sleep_ms=0"), env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if _, err := cmd.StdinPipe(); err != nil { // closed when we exit
		return nil, err
	}
	var stderr bytes.Buffer // read only after Wait
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &child{name: name, cmd: cmd, lines: make(chan string, 1024), done: make(chan struct{})}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			onLine(sc.Text())
			select {
			case c.lines <- sc.Text():
			default:
			}
		}
		close(c.lines)
		c.err = cmd.Wait()
		if c.err != nil && stderr.Len() > 0 {
			c.err = fmt.Errorf("%w: %s", c.err, stderr.String())
		}
		close(c.done)
	}()
	return c, nil
}

// waitLine waits for a line equal to want.
func (c *child) waitLine(want string, within time.Duration) error {
	timeout := time.After(within)
	for {
		select {
		case l, ok := <-c.lines:
			if !ok {
				<-c.done
				return fmt.Errorf("%s exited before saying %s: %v", c.name, want, c.err)
			}
			if l == want {
				return nil
			}
		case <-timeout:
			return fmt.Errorf("%s did not say %s: %w", c.name, want, errChildTimeout)
		}
	}
}

// kill sends SIGKILL and waits for the process to be gone.
func (c *child) kill() {
	c.cmd.Process.Signal(syscall.SIGKILL)
	<-c.done
}

// stop sends SIGTERM and waits for a clean exit.
func (c *child) stop(within time.Duration) error {
	c.cmd.Process.Signal(syscall.SIGTERM)
	return c.wait(within)
}

// wait waits for the process to exit and returns its error.
func (c *child) wait(within time.Duration) error {
	select {
	case <-c.done:
		return c.err
	case <-time.After(within):
		c.kill()
		return fmt.Errorf("%s did not exit: %w", c.name, errChildTimeout)
	}
}

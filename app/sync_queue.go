package app

import "sync"

// workQueue runs functions one at a time, in order, on its own goroutine,
// so the sync client's callbacks return at once.
type workQueue struct {
	mu    sync.Mutex
	items []func()
	wake  chan struct{}
	done  chan struct{}
	quit  bool
}

func newWorkQueue() *workQueue {
	q := &workQueue{wake: make(chan struct{}, 1), done: make(chan struct{})}
	go q.run()
	return q
}

func (q *workQueue) push(fn func()) {
	q.mu.Lock()
	if !q.quit {
		q.items = append(q.items, fn)
	}
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

func (q *workQueue) run() {
	defer close(q.done)
	for {
		q.mu.Lock()
		items, quit := q.items, q.quit
		q.items = nil
		q.mu.Unlock()
		for _, fn := range items {
			fn()
		}
		if quit {
			return
		}
		if len(items) == 0 {
			<-q.wake
		}
	}
}

// close runs what is queued, then stops.
func (q *workQueue) close() {
	q.mu.Lock()
	q.quit = true
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
	<-q.done
}

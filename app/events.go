package app

// Frontend event names, spelled domain:action. Each has a payload type below.
const (
	// EventLibraryChanged is emitted when scripts are added, renamed, trashed
	// or restored by anything other than the window's own direct call (an
	// import, a restore, another window). Payload: LibraryChanged.
	EventLibraryChanged = "library:changed"
	// EventHistoryChanged is emitted after a revision is committed or
	// restored. Payload: HistoryChanged.
	EventHistoryChanged = "history:changed"
	// EventTaskProgress reports the stages of long work (an export), so the
	// window can show progress. Payload: TaskProgress.
	EventTaskProgress = "task:progress"
	// EventFilesOpened is emitted when script files were given to the app
	// to open while it runs (a double-click on one): the page takes them
	// with Library.Opened. Payload: FilesOpened.
	EventFilesOpened = "files:opened"
	// EventProfileChanged is emitted when the writer's name changes (the
	// first-run welcome, Settings): the history shows their revisions
	// under it. Payload: Profile.
	EventProfileChanged = "profile:changed"
)

// FilesOpened is the payload of EventFilesOpened.
type FilesOpened struct {
	Count int `json:"count"`
}

// LibraryChanged is the payload of EventLibraryChanged.
type LibraryChanged struct {
	ScriptID string `json:"scriptId"`
}

// HistoryChanged is the payload of EventHistoryChanged.
type HistoryChanged struct {
	ScriptID string `json:"scriptId"`
	Head     string `json:"head"`
}

// TaskProgress is the payload of EventTaskProgress: Step of Steps is done,
// Stage says what is being done now ("done" at the end).
type TaskProgress struct {
	Task     string `json:"task"` // "export"
	ScriptID string `json:"scriptId"`
	Stage    string `json:"stage"`
	Step     int    `json:"step"`
	Steps    int    `json:"steps"`
}

// Sync events.
const (
	// EventSyncStatus is emitted when the connection to the relay changes
	// state, the number of events waiting changes, or the relay refuses
	// something. Payload: SyncStatus.
	EventSyncStatus = "sync:status"
	// EventPresenceUpdate is emitted when a collaborator moves to another
	// scene, starts or stops typing, or leaves. Payload: PresenceUpdate.
	EventPresenceUpdate = "presence:update"
)

// SyncStatus is the payload of EventSyncStatus, and what Sync.Status returns.
type SyncStatus struct {
	// State is "offline", "connecting", "syncing" or "online".
	State string `json:"state"`
	// Pending counts events waiting for the relay, plus rooms catching up.
	Pending int `json:"pending"`
	// Error is why the connection failed, or the last thing the relay
	// refused, in words; "" when all is well.
	Error string `json:"error"`
	// Relay is the relay's address; "" when sync is off.
	Relay string `json:"relay"`
	// Hosting is true while this computer runs a relay for the team.
	Hosting bool `json:"hosting"`
}

// PresenceUpdate is the payload of EventPresenceUpdate: where a collaborator
// is in a shared script.
type PresenceUpdate struct {
	Who      string `json:"who"`
	Name     string `json:"name"`
	ScriptID string `json:"scriptId"`
	Scene    string `json:"scene"`
	Typing   bool   `json:"typing"`
	Gone     bool   `json:"gone"`
}

// Review events.
const (
	// EventReviewChanged is emitted whenever a script's proposals, comments
	// or inbox change: an event arrived from the relay (a branch other than
	// main, a revision on a proposal, a status, a comment), or a local
	// action made one. Payload: ReviewChanged.
	EventReviewChanged = "review:changed"
)

// ReviewChanged is the payload of EventReviewChanged.
type ReviewChanged struct {
	ScriptID string `json:"scriptId"`
}

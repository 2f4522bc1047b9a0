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
)

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

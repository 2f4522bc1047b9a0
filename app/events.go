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

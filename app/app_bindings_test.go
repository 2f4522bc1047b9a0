package app

import (
	"reflect"
	"slices"
	"testing"
)

// boundMethods is every method the page can call, as "Service.Method". Each
// is used by frontend/src; none takes a file path (paths come only from the
// native dialogs inside Import and ExportAs; a dropped file arrives as its
// name and bytes, ImportStart/ImportChunk/ImportFinish). Adding a method to a bound
// service makes it callable from the page: add it here only if the UI needs
// it, and never one that reads or writes a path the page names.
var boundMethods = []string{
	"Compare.Versions",
	"Compare.VersionsIgnoring",
	"Editor.Commit", "Editor.CommitDraft", "Editor.Open", "Editor.Pages", "Editor.SaveDraft", "Editor.SaveDraftChanges", "Editor.SaveDraftUpload",
	"Editor.SendPart",
	"History.Figures", "History.List", "History.Pages", "History.Restore", "History.View",
	"Library.Create", "Library.DeleteForever", "Library.ExportAs", "Library.Figures", "Library.Import",
	"Library.ImportChunk", "Library.ImportFinish", "Library.ImportStart", "Library.ImportUpload", "Library.Opened",
	"Library.List", "Library.MoveToTrash", "Library.Rename", "Library.RestoreFromTrash",
	"Library.RevisionColors", "Library.Trash",
	"Lifecycle.Quit",
	"Review.AcceptChanges", "Review.AcceptScenes", "Review.Activity", "Review.AddComment",
	"Review.ClearRevisionMarks", "Review.Comments", "Review.DeleteComment", "Review.EditComment", "Review.Inbox",
	"Review.LockProduction", "Review.MarkRead", "Review.Merge", "Review.OpenProposal", "Review.Preview", "Review.Production", "Review.ProposalPages",
	"Review.Proposals", "Review.Reject", "Review.RelockProduction", "Review.Reopen", "Review.Reply", "Review.Resolve",
	"Review.SaveProposal", "Review.SaveProposalChanges", "Review.SaveProposalUpload", "Review.StartProposal", "Review.StartRevisionSet", "Review.UnlockProduction", "Review.Unread", "Review.Update",
	"Review.Withdraw",
	"Settings.LastScript", "Settings.Profile", "Settings.SetLastScript", "Settings.SetName",
	"Sync.Host", "Sync.HostInfo", "Sync.Invite", "Sync.Join", "Sync.Presence", "Sync.RelayURL",
	"Sync.SetPresence", "Sync.SetRelayURL", "Sync.Share", "Sync.Sharing", "Sync.Status",
	"Sync.StopHost",
}

// TestBoundMethods fails when a method callable from the page (an exported
// method of a value main.go binds) is added or removed without updating
// boundMethods.
func TestBoundMethods(t *testing.T) {
	var got []string
	for _, v := range New(nil).Bindings() {
		typ := reflect.TypeOf(v)
		for i := range typ.NumMethod() {
			got = append(got, typ.Elem().Name()+"."+typ.Method(i).Name)
		}
	}
	slices.Sort(got)
	want := slices.Clone(boundMethods)
	slices.Sort(want)
	for _, m := range got {
		if !slices.Contains(want, m) {
			t.Errorf("%s is callable from the page but not in boundMethods: unexport it, move it to a type that is not bound, or (if the UI needs it and it takes no path) list it", m)
		}
	}
	for _, m := range want {
		if !slices.Contains(got, m) {
			t.Errorf("%s is in boundMethods but no bound service has it", m)
		}
	}
	// The window's hooks and the path-taking versions stay out of reach
	// even if someone lists them above.
	for _, m := range []string{
		"Library.ImportFile", "Library.ExportFile", "Library.ExportFileAs",
		"Sync.Start", "Sync.Stop", "Lifecycle.BeforeClose",
	} {
		if slices.Contains(got, m) {
			t.Errorf("%s must not be callable from the page", m)
		}
	}
}

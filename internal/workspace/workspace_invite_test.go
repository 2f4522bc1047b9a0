package workspace

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/model"
)

func testInvite(t testing.TB) (*model.Identity, *model.InviteToken) {
	t.Helper()
	owner, err := model.NewIdentity("Owner")
	if err != nil {
		t.Fatal(err)
	}
	inv, err := model.NewInvite(owner, model.NewScriptID(), model.RoleEditor, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return owner, inv
}

func TestInviteLink(t *testing.T) {
	_, inv := testInvite(t)
	link, err := InviteLink("wss://relay.example.com/ws", inv)
	if err != nil {
		t.Fatal(err)
	}
	relay, got, err := ParseInviteLink("  " + link + "\n")
	if err != nil || relay != "wss://relay.example.com/ws" || !reflect.DeepEqual(got, inv) {
		t.Fatalf("round trip: %q %+v %v", relay, got, err)
	}
	forged := *inv
	forged.Role = model.RoleOwner
	forgedLink, _ := InviteLink("wss://relay.example.com/ws", &forged)
	noRelay, _ := InviteLink("", inv)
	httpRelay, _ := InviteLink("https://relay.example.com", inv)
	for name, bad := range map[string]string{
		"forged role":   forgedLink,
		"cut short":     link[:len(link)-20],
		"web address":   "https://example.com/join",
		"other host":    strings.Replace(link, "//join", "//joim", 1),
		"no token":      "scriptroom://join?relay=wss://r/ws",
		"token not b64": "scriptroom://join?relay=wss://r/ws&token=%%%",
		"no relay":      noRelay,
		"http relay":    httpRelay,
		"empty":         "",
	} {
		if _, _, err := ParseInviteLink(bad); !errors.Is(err, ErrBadInviteLink) {
			t.Errorf("%s: %v, want ErrBadInviteLink", name, err)
		}
	}
}

func TestCleanRelayURL(t *testing.T) {
	for in, want := range map[string]string{
		"":                         "",
		"  ws://127.0.0.1:8787 ":   "ws://127.0.0.1:8787/ws",
		"wss://relay.example.com/": "wss://relay.example.com/ws",
		"wss://r.example/sync":     "wss://r.example/sync",
	} {
		if got, err := CleanRelayURL(in); err != nil || got != want {
			t.Errorf("CleanRelayURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"relay.example.com", "https://r.example", "ws://", "ws:///ws"} {
		if _, err := CleanRelayURL(bad); !errors.Is(err, ErrBadRelayURL) {
			t.Errorf("CleanRelayURL(%q): %v, want ErrBadRelayURL", bad, err)
		}
	}
}

// FuzzParseInviteLink: any input is either refused with ErrBadInviteLink or
// gives an invite whose signature holds and a clean relay address, and
// which encodes back to a link that parses the same.
func FuzzParseInviteLink(f *testing.F) {
	_, inv := testInvite(f)
	link, err := InviteLink("wss://relay.example.com/ws", inv)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(link)
	f.Add(link[:len(link)/2])
	f.Add("scriptroom://join?relay=ws://h:1&token=e30")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		relay, got, err := ParseInviteLink(s)
		if err != nil {
			if !errors.Is(err, ErrBadInviteLink) {
				t.Fatalf("ParseInviteLink(%q): %v is not ErrBadInviteLink", s, err)
			}
			return
		}
		if err := got.Verify(); err != nil {
			t.Fatalf("accepted an invite that does not verify: %v", err)
		}
		if clean, err := CleanRelayURL(relay); err != nil || clean != relay {
			t.Fatalf("accepted relay %q (clean %q, %v)", relay, clean, err)
		}
		again, err := InviteLink(relay, got)
		if err != nil {
			t.Fatal(err)
		}
		relay2, got2, err := ParseInviteLink(again)
		if err != nil || relay2 != relay || !reflect.DeepEqual(got2, got) {
			t.Fatalf("re-encoded link parses as %q %+v %v", relay2, got2, err)
		}
	})
}

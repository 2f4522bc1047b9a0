package workspace

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/scriptroom/scriptroom/internal/model"
)

// InviteLink encodes an invite as
// scriptroom://join?relay=<url>&token=<base64url JSON>.
func InviteLink(relay string, inv *model.InviteToken) (string, error) {
	raw, err := json.Marshal(inv)
	if err != nil {
		return "", fmt.Errorf("encode invite: %w", err)
	}
	q := url.Values{"relay": {relay}, "token": {base64.RawURLEncoding.EncodeToString(raw)}}
	return "scriptroom://join?" + q.Encode(), nil
}

// ParseInviteLink decodes an invite link and checks its signature and its
// relay's address (not its expiry, which depends on the clock: the caller
// compares inv.Expires). Any other link is ErrBadInviteLink.
func ParseInviteLink(link string) (relay string, inv *model.InviteToken, err error) {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || u.Scheme != "scriptroom" || u.Host != "join" {
		return "", nil, ErrBadInviteLink
	}
	q := u.Query()
	raw, err := base64.RawURLEncoding.DecodeString(q.Get("token"))
	if err != nil || len(raw) == 0 {
		return "", nil, ErrBadInviteLink
	}
	inv = &model.InviteToken{}
	if err := json.Unmarshal(raw, inv); err != nil {
		return "", nil, ErrBadInviteLink
	}
	if err := inv.Verify(); err != nil {
		return "", nil, fmt.Errorf("%w: %w", ErrBadInviteLink, err)
	}
	relay, err = CleanRelayURL(q.Get("relay"))
	if err != nil || relay == "" {
		return "", nil, ErrBadInviteLink
	}
	return relay, inv, nil
}

// CleanRelayURL checks a relay address: ws:// or wss:// with a host; one
// without a path gets /ws. "" (no relay) stays "".
func CleanRelayURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "ws" && u.Scheme != "wss") || u.Host == "" {
		return "", ErrBadRelayURL
	}
	if u.Path == "" || u.Path == "/" {
		u.Path = "/ws"
	}
	return u.String(), nil
}

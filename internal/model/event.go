package model

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// EventID is the SHA-256 of an event's canonical encoding, in lowercase hex.
type EventID string

// Validate reports whether the id is 64 lowercase hex digits.
func (e EventID) Validate() error {
	if !isLowerHex(string(e), HashIDLength) {
		return fmt.Errorf("%w: %.70q", ErrBadEventID, string(e))
	}
	return nil
}

// Short is the first 10 hex digits, for display.
func (e EventID) Short() string {
	if len(e) < 10 {
		return string(e)
	}
	return string(e[:10])
}

// Event kinds. A room's log is a sequence of events of these kinds; the
// relay stores and forwards them, and checks the author's role for each.
const (
	// KindRoom creates a room (the first event of every room, by its owner)
	// or, later, changes its title or visibility. Payload: RoomPayload.
	KindRoom = "room"
	// KindRole grants a user a role, or revokes it. Owner only. Payload:
	// RolePayload.
	KindRole = "role"
	// KindMember redeems an invite: its author joins with the invite's role.
	// Payload: MemberPayload.
	KindMember = "member"
	// KindRevision carries a signed revision. Payload: RevisionPayload.
	KindRevision = "revision"
	// KindBranch moves a branch head or opens a proposal. Payload:
	// BranchPayload.
	KindBranch = "branch"
	// KindStatus changes a proposal's status (merged, rejected, withdrawn).
	KindStatus = "status"
	// KindComment adds, edits, resolves or reopens a comment.
	KindComment = "comment"
)

// MaxKindLength is the longest event kind accepted, in bytes.
const MaxKindLength = 32

// MainBranch is the owner's branch; only editors and the owner advance it.
const MainBranch = "main"

// Event is the signed, content-addressed envelope of every change shared in
// a room. Its id is the SHA-256 of its canonical encoding and its author signs
// the id, so a receiver can check that nobody altered or forged it. Events
// never change once made.
type Event struct {
	ID     EventID  `json:"id"`
	Room   ScriptID `json:"room"`
	Author UserID   `json:"author"`
	Kind   string   `json:"kind"`
	// Time is when the author made the event, in Unix milliseconds.
	Time int64 `json:"time"`
	// Payload is the kind-specific body, a JSON object.
	Payload json.RawMessage `json:"payload"`
	// Sig is the author's Ed25519 signature of the id.
	Sig []byte `json:"sig"`
}

// NewEvent makes and signs an event of kind in room. payload is encoded to
// JSON (a json.RawMessage is used as it is) and must be a JSON object.
func NewEvent(author *Identity, room ScriptID, kind string, payload any, at time.Time) (*Event, error) {
	raw, ok := payload.(json.RawMessage)
	if !ok {
		var err error
		if raw, err = json.Marshal(payload); err != nil {
			return nil, fmt.Errorf("encode %s payload: %w", kind, err)
		}
	}
	canon, err := canonicalPayload(raw)
	if err != nil {
		return nil, fmt.Errorf("%s payload: %w", kind, err)
	}
	e := &Event{
		Room:    room,
		Author:  author.ID(),
		Kind:    kind,
		Time:    at.UnixMilli(),
		Payload: canon,
	}
	if err := e.checkFields(); err != nil {
		return nil, err
	}
	e.ID = e.ComputeID()
	e.Sig = author.Sign([]byte(e.ID))
	return e, nil
}

// canonicalPayload is the form of a payload that survives any JSON
// re-encoding unchanged: compacted, with HTML-sensitive characters escaped as
// encoding/json does. It must be a JSON object.
func canonicalPayload(raw []byte) (json.RawMessage, error) {
	var compact bytes.Buffer
	compact.Grow(len(raw))
	if err := json.Compact(&compact, raw); err != nil {
		return nil, fmt.Errorf("%w: payload is not JSON: %v", ErrBadEvent, err)
	}
	if compact.Len() == 0 || compact.Bytes()[0] != '{' {
		return nil, fmt.Errorf("%w: payload is not a JSON object", ErrBadEvent)
	}
	var out bytes.Buffer
	out.Grow(compact.Len())
	json.HTMLEscape(&out, compact.Bytes())
	return out.Bytes(), nil
}

func (e *Event) checkFields() error {
	if err := e.Room.Validate(); err != nil {
		return fmt.Errorf("%w: room: %w", ErrBadEvent, err)
	}
	if _, err := e.Author.PublicKey(); err != nil {
		return err
	}
	if e.Kind == "" || len(e.Kind) > MaxKindLength {
		return fmt.Errorf("%w: kind %.40q", ErrBadEvent, e.Kind)
	}
	for _, c := range e.Kind {
		if (c < 'a' || c > 'z') && c != '-' && c != '.' {
			return fmt.Errorf("%w: kind %.40q has characters other than a-z - .", ErrBadEvent, e.Kind)
		}
	}
	return nil
}

// CanonicalEncoding is the byte string an event's id is the hash of. Every
// variable-length field is length-prefixed; the payload is taken in its
// canonical JSON form, so whitespace or escaping added in transit does not
// change the id.
func (e *Event) CanonicalEncoding() []byte {
	canon, err := canonicalPayload(e.Payload)
	if err != nil {
		canon = e.Payload // hashes to something no signer produced
	}
	return e.canonicalEncoding(canon)
}

// canonicalEncoding is CanonicalEncoding with the canonical payload given.
func (e *Event) canonicalEncoding(canon []byte) []byte {
	var b bytes.Buffer
	// Sized once: the fields, and for each its name and length.
	b.Grow(len(e.Room) + len(e.Author) + len(e.Kind) + len(canon) + 128)
	b.WriteString("scriptroom-event-v1\n")
	writeField(&b, "room", string(e.Room))
	writeField(&b, "author", string(e.Author))
	writeField(&b, "kind", e.Kind)
	b.WriteString("time " + strconv.FormatInt(e.Time, 10) + "\n")
	writeField(&b, "payload", string(canon))
	return b.Bytes()
}

// ComputeID hashes the canonical encoding.
func (e *Event) ComputeID() EventID {
	return idOf(e.CanonicalEncoding())
}

// idOf is the id of an event whose canonical encoding is enc.
func idOf(enc []byte) EventID {
	sum := sha256.Sum256(enc)
	return EventID(hex.EncodeToString(sum[:]))
}

// Verify checks everything a receiver can check without knowing the room:
// the fields are well formed, the id matches the content, the author signed
// the id, and the payload fits the kind (see ValidatePayload).
func (e *Event) Verify() error {
	if err := e.checkFields(); err != nil {
		return err
	}
	if err := e.ID.Validate(); err != nil {
		return err
	}
	canon, err := canonicalPayload(e.Payload)
	if err != nil {
		return fmt.Errorf("event %s: %w", e.ID.Short(), err)
	}
	if idOf(e.canonicalEncoding(canon)) != e.ID { // ComputeID, the payload made canonical once
		return fmt.Errorf("event %s: %w", e.ID.Short(), ErrIDMismatch)
	}
	if err := Verify(e.Author, []byte(e.ID), e.Sig); err != nil {
		return fmt.Errorf("event %s by %s: %w", e.ID.Short(), e.Author.Short(), err)
	}
	return e.ValidatePayload()
}

// ValidatePayload checks the payload of the kinds this package knows. Other
// kinds pass: their payload only has to be a JSON object.
func (e *Event) ValidatePayload() error {
	var err error
	switch e.Kind {
	case KindRoom:
		var p RoomPayload
		if err = decodePayload(e, &p); err == nil {
			err = p.validate()
		}
	case KindRole:
		var p RolePayload
		if err = decodePayload(e, &p); err == nil {
			err = p.validate()
		}
	case KindMember:
		var p MemberPayload
		if err = decodePayload(e, &p); err == nil {
			err = p.validate(e.Room)
		}
	case KindRevision:
		var p RevisionPayload
		if err = decodePayload(e, &p); err == nil {
			err = p.validate(e.Author)
		}
	case KindProduction:
		var p ProductionPayload
		if err = decodePayload(e, &p); err == nil {
			err = p.Validate()
		}
	case KindBranch:
		var p BranchPayload
		if err = decodePayload(e, &p); err == nil && p.Name == "" {
			err = fmt.Errorf("%w: branch has no name", ErrBadPayload)
		}
	}
	if err != nil {
		return fmt.Errorf("%s event %s: %w", e.Kind, e.ID.Short(), err)
	}
	return nil
}

func decodePayload(e *Event, v any) error {
	if err := json.Unmarshal(e.Payload, v); err != nil {
		return fmt.Errorf("%w: %v", ErrBadPayload, err)
	}
	return nil
}

// DecodePayload decodes the event's payload into v.
func (e *Event) DecodePayload(v any) error {
	return decodePayload(e, v)
}

// RoomPayload creates a room, or changes its title or visibility.
type RoomPayload struct {
	Title      string     `json:"title"`
	Visibility Visibility `json:"visibility"`
}

func (p RoomPayload) validate() error {
	if _, err := CleanTitle(p.Title); err != nil {
		return fmt.Errorf("%w: %w", ErrBadPayload, err)
	}
	switch p.Visibility {
	case Private, Invite, Public:
		return nil
	}
	return fmt.Errorf("%w: visibility %.20q", ErrBadPayload, p.Visibility)
}

// RolePayload grants User a role in the room. RoleNone revokes it.
type RolePayload struct {
	User UserID `json:"user"`
	Role Role   `json:"role"`
}

func (p RolePayload) validate() error {
	if _, err := p.User.PublicKey(); err != nil {
		return fmt.Errorf("%w: %w", ErrBadPayload, err)
	}
	if p.Role != RoleNone && !p.Role.Grantable() {
		return fmt.Errorf("%w: %.20q", ErrBadRole, p.Role)
	}
	return nil
}

// MemberPayload redeems an invite: the event's author takes the invite's role.
type MemberPayload struct {
	Invite InviteToken `json:"invite"`
}

func (p MemberPayload) validate(room ScriptID) error {
	if p.Invite.Room != room {
		return ErrWrongRoom
	}
	return p.Invite.Verify()
}

// RevisionPayload shares a revision, made on a branch: with its whole text
// (version 1, RevisionWhole), or without it and with Delta, the change from
// the text of an earlier revision of the room (version 2, RevisionDelta;
// see Whole).
type RevisionPayload struct {
	Branch   string   `json:"branch"`
	Revision Revision `json:"revision"`
	// Version is the payload's version; 0 (left out) is RevisionWhole.
	Version int `json:"v,omitempty"`
	// Delta carries the revision's text in version 2.
	Delta *TextDelta `json:"delta,omitempty"`
}

func (p RevisionPayload) validate(author UserID) error {
	switch p.Version {
	case 0, RevisionWhole:
		if p.Delta != nil {
			return fmt.Errorf("%w: a delta in a version %d payload", ErrBadDelta, RevisionWhole)
		}
	case RevisionDelta:
		return p.validateDelta(author)
	default:
		return fmt.Errorf("%w: %d (this app reads %d and %d)", ErrPayloadVersion, p.Version, RevisionWhole, RevisionDelta)
	}
	if err := p.Revision.Verify(); err != nil {
		return fmt.Errorf("%w: %w", ErrBadPayload, err)
	}
	if p.Revision.Author != author {
		return fmt.Errorf("%w: revision by %s shared by %s", ErrBadPayload, p.Revision.Author.Short(), author.Short())
	}
	return nil
}

// BranchPayload opens a branch or moves its head. The branch named
// MainBranch is the owner's; any other is a proposal.
type BranchPayload struct {
	Name  string     `json:"name"`
	Base  RevisionID `json:"base,omitempty"`
	Head  RevisionID `json:"head"`
	Title string     `json:"title,omitempty"`
}

// InviteToken is a capability token: the room's owner signs it, and whoever holds
// it may join the room with its role until it expires, unless the owner set
// that user's role after issuing it (see RoomACL.Authorize).
type InviteToken struct {
	Room   ScriptID `json:"room"`
	Role   Role     `json:"role"`
	Issuer UserID   `json:"issuer"`
	// Issued is when the owner made the invite, in Unix milliseconds on
	// the owner's clock. Zero in invites made before issue times were
	// signed (encoding v1); they count as issued before every role event.
	Issued int64 `json:"issued,omitempty"`
	// Expires is the end of the invite's validity, in Unix milliseconds.
	Expires int64 `json:"expires"`
	// Nonce makes each invite distinct (16 random bytes, hex).
	Nonce string `json:"nonce"`
	Sig   []byte `json:"sig"`
}

// NewInvite makes an invite to room with role, signed by owner, issued now
// and valid until expires.
func NewInvite(owner *Identity, room ScriptID, role Role, expires time.Time) (*InviteToken, error) {
	return NewInviteAt(owner, room, role, time.Now(), expires)
}

// NewInviteAt makes an invite to room with role, signed by owner, issued at
// issued and valid until expires.
func NewInviteAt(owner *Identity, room ScriptID, role Role, issued, expires time.Time) (*InviteToken, error) {
	if !role.Grantable() {
		return nil, fmt.Errorf("%w: %q", ErrBadRole, role)
	}
	if err := room.Validate(); err != nil {
		return nil, err
	}
	var n [16]byte
	if _, err := rand.Read(n[:]); err != nil {
		return nil, fmt.Errorf("invite nonce: %w", err)
	}
	if issued.UnixMilli() <= 0 {
		return nil, fmt.Errorf("%w: issue time %v is not after 1970", ErrBadInvite, issued)
	}
	inv := &InviteToken{Room: room, Role: role, Issuer: owner.ID(), Issued: issued.UnixMilli(), Expires: expires.UnixMilli(), Nonce: hex.EncodeToString(n[:])}
	inv.Sig = owner.Sign(inv.CanonicalEncoding())
	return inv, nil
}

// CanonicalEncoding is the byte string the issuer signs: version 2, with
// the issue time, or version 1 for an invite without one.
func (inv *InviteToken) CanonicalEncoding() []byte {
	var b bytes.Buffer
	if inv.Issued == 0 {
		b.WriteString("scriptroom-invite-v1\n")
	} else {
		b.WriteString("scriptroom-invite-v2\n")
	}
	writeField(&b, "room", string(inv.Room))
	writeField(&b, "role", string(inv.Role))
	writeField(&b, "issuer", string(inv.Issuer))
	if inv.Issued != 0 {
		b.WriteString("issued " + strconv.FormatInt(inv.Issued, 10) + "\n")
	}
	b.WriteString("expires " + strconv.FormatInt(inv.Expires, 10) + "\n")
	writeField(&b, "nonce", inv.Nonce)
	return b.Bytes()
}

// Verify checks the invite's form and its issuer's signature. Whether the
// issuer owns the room and whether it has expired depend on the room and the
// clock: see RoomACL.Authorize.
func (inv *InviteToken) Verify() error {
	if err := inv.Room.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrBadInvite, err)
	}
	if !inv.Role.Grantable() {
		return fmt.Errorf("%w: role %.20q", ErrBadInvite, inv.Role)
	}
	if len(inv.Nonce) == 0 || len(inv.Nonce) > 64 {
		return fmt.Errorf("%w: nonce", ErrBadInvite)
	}
	if inv.Issued < 0 {
		return fmt.Errorf("%w: issue time %d", ErrBadInvite, inv.Issued)
	}
	if err := Verify(inv.Issuer, inv.CanonicalEncoding(), inv.Sig); err != nil {
		return fmt.Errorf("%w: %w", ErrBadInvite, err)
	}
	return nil
}

// Role is what a user may do in a room. Each role may do everything the
// roles below it may.
type Role string

// The roles, from most to least rights.
const (
	// RoleOwner made the room; only they grant roles and sign invites.
	RoleOwner Role = "owner"
	// RoleEditor may advance main, as well as propose and comment.
	RoleEditor Role = "editor"
	// RoleProposer may share revisions, open proposals and comment.
	RoleProposer Role = "proposer"
	// RoleCommenter may comment.
	RoleCommenter Role = "commenter"
	// RoleReader may read the room.
	RoleReader Role = "reader"
	// RoleNone may do nothing; granting it revokes a role.
	RoleNone Role = ""
)

// Rank orders roles: 0 for none or unknown, 5 for owner.
func (r Role) Rank() int {
	switch r {
	case RoleOwner:
		return 5
	case RoleEditor:
		return 4
	case RoleProposer:
		return 3
	case RoleCommenter:
		return 2
	case RoleReader:
		return 1
	}
	return 0
}

// Allows reports whether r has at least the rights of need.
func (r Role) Allows(need Role) bool { return r.Rank() >= need.Rank() && r.Rank() > 0 }

// Grantable reports whether the role can be granted by a role event or an
// invite: any role but owner and none.
func (r Role) Grantable() bool { return r.Rank() > 0 && r != RoleOwner }

// RequiredRole is the least role that may author e in a room whose creation
// is already recorded. Room and role events need the owner; member events
// need no role but a valid invite (see RoomACL.Authorize).
func (e *Event) RequiredRole() (Role, error) {
	switch e.Kind {
	case KindRoom, KindRole:
		return RoleOwner, nil
	case KindMember:
		return RoleNone, nil
	case KindRevision, KindStatus:
		return RoleProposer, nil
	case KindComment:
		return RoleCommenter, nil
	case KindProduction:
		return RoleEditor, nil
	case KindBranch:
		var p BranchPayload
		if err := decodePayload(e, &p); err != nil {
			return RoleOwner, err
		}
		if p.Name == MainBranch {
			return RoleEditor, nil
		}
		return RoleProposer, nil
	}
	return RoleOwner, fmt.Errorf("%w: %.40q", ErrUnknownKind, e.Kind)
}

// RoomACL is the fold of a room's rights events (room, role, member): who
// owns it, its visibility, and each member's role. The relay keeps one per
// room to check every publish; clients can keep one to check what they
// receive.
type RoomACL struct {
	Room       ScriptID
	Owner      UserID
	Title      string
	Visibility Visibility
	Members    map[UserID]Role
	// Redeemed maps each redeemed invite's nonce to who redeemed it. An
	// invite is single-use: redeemed invites sit in the log, where every
	// reader could copy them.
	Redeemed map[string]UserID
	// RoleSet maps each user a role event named to the latest time of those
	// events (Unix ms, on the owner's clock, as signed): the owner's last
	// word on the user. An invite issued at or before it neither readmits
	// nor raises them.
	RoleSet map[UserID]int64
	// Spent holds the nonces of invites whose redeemer a role event named
	// after the redemption: redeeming one again gets nothing, whatever the
	// clocks said.
	Spent map[string]struct{}
	// redeemedBy lists each user's redeemed nonces, so that settling a
	// user does not scan every redemption in the room.
	redeemedBy map[UserID][]string
}

// NewRoomACL returns the rights of a room with no events yet.
func NewRoomACL(room ScriptID) *RoomACL {
	return &RoomACL{Room: room, Members: map[UserID]Role{}, Redeemed: map[string]UserID{},
		RoleSet: map[UserID]int64{}, Spent: map[string]struct{}{}}
}

// Exists reports whether the room's creation event has been applied.
func (a *RoomACL) Exists() bool { return a.Owner != "" }

// RoleOf is user's role: owner, a granted role, or for anyone else proposer
// in a public room and none otherwise.
func (a *RoomACL) RoleOf(user UserID) Role {
	if !a.Exists() {
		return RoleNone
	}
	if user == a.Owner {
		return RoleOwner
	}
	r := a.Members[user]
	if a.Visibility == Public && r.Rank() < RoleProposer.Rank() {
		return RoleProposer
	}
	return r
}

// Authorize checks that e, already verified with Event.Verify, may be added
// to the room at time now.
func (a *RoomACL) Authorize(e *Event, now time.Time) error {
	if e.Room != a.Room {
		return ErrWrongRoom
	}
	if !a.Exists() {
		if e.Kind != KindRoom {
			return fmt.Errorf("%w: the first event must be a room event", ErrNoRoom)
		}
		return nil
	}
	if e.Kind == KindMember {
		var p MemberPayload
		if err := decodePayload(e, &p); err != nil {
			return err
		}
		if err := a.redeemable(e.Author, &p.Invite); err != nil {
			return err
		}
		if now.UnixMilli() > p.Invite.Expires {
			return ErrInviteExpired
		}
		return nil
	}
	need, err := e.RequiredRole()
	if err != nil {
		return err
	}
	if e.Kind == KindRoom && e.Author != a.Owner {
		return fmt.Errorf("%w: %w", ErrRoomExists, ErrForbidden)
	}
	if have := a.RoleOf(e.Author); !have.Allows(need) {
		return fmt.Errorf("%w: %s is %s, %s events need %s", ErrForbidden, e.Author.Short(), roleName(have), e.Kind, need)
	}
	return nil
}

// MaxInviteSkew is how far after a relay's clock an invite's issue time may
// be when the relay admits its redemption. An invite issued in the future
// would outlive a removal the owner makes before that time; ten minutes
// covers clocks that are merely unsynchronised.
const MaxInviteSkew = 10 * time.Minute

// Admit is Authorize for a relay taking a newly published event at its own
// clock's now. It also refuses a member event whose invite claims to be
// issued more than MaxInviteSkew after now. Folds of a stored log use
// Authorize at each event's own time: this check is about the moment of
// admission, which only the relay sees.
func (a *RoomACL) Admit(e *Event, now time.Time) error {
	if err := a.Authorize(e, now); err != nil {
		return err
	}
	if e.Kind != KindMember {
		return nil
	}
	var p MemberPayload
	if err := decodePayload(e, &p); err != nil {
		return err
	}
	// In milliseconds: an issue time near the int64 limit must not wrap.
	if limit := now.UnixMilli() + MaxInviteSkew.Milliseconds(); p.Invite.Issued > limit {
		return fmt.Errorf("%w: issued at %d ms, the relay's clock says %d; the inviter's clock is ahead", ErrInviteFromFuture, p.Invite.Issued, now.UnixMilli())
	}
	return nil
}

// redeemable checks what does not depend on a clock: that the owner issued
// inv, that no one else redeemed it, and that the owner has not set user's
// role since issuing it (nor since user redeemed it). Apply checks it too,
// so that folding a stored log without Authorize follows the same rule.
func (a *RoomACL) redeemable(user UserID, inv *InviteToken) error {
	if inv.Issuer != a.Owner {
		return fmt.Errorf("%w: not signed by the room's owner", ErrBadInvite)
	}
	if by, ok := a.Redeemed[inv.Nonce]; ok && by != user {
		return fmt.Errorf("%w: already redeemed by %s", ErrBadInvite, by.Short())
	}
	if _, spent := a.Spent[inv.Nonce]; spent {
		return fmt.Errorf("%w: %s redeemed it before their role was last set", ErrInviteSuperseded, user.Short())
	}
	if set, ok := a.RoleSet[user]; ok && inv.Issued <= set {
		return fmt.Errorf("%w: issued at %d, role of %s set at %d", ErrInviteSuperseded, inv.Issued, user.Short(), set)
	}
	return nil
}

func roleName(r Role) string {
	if r == RoleNone {
		return "not a member"
	}
	return string(r)
}

// Apply folds a rights event into the ACL. Events of other kinds are
// ignored. Call it with events Authorize accepted, in log order; a member
// event whose invite is not redeemable (see Authorize) changes nothing
// even so, whatever the clock, so a log stored before that rule folds the
// same everywhere.
func (a *RoomACL) Apply(e *Event) {
	switch e.Kind {
	case KindRoom:
		var p RoomPayload
		if decodePayload(e, &p) != nil {
			return
		}
		if !a.Exists() {
			a.Owner = e.Author
		}
		a.Title, a.Visibility = p.Title, p.Visibility
	case KindRole:
		var p RolePayload
		if decodePayload(e, &p) != nil {
			return
		}
		if p.Role == RoleNone {
			delete(a.Members, p.User)
		} else {
			a.Members[p.User] = p.Role
		}
		a.settle(p.User, e.Time)
	case KindMember:
		var p MemberPayload
		if decodePayload(e, &p) != nil {
			return
		}
		if a.Redeemed == nil {
			a.Redeemed = map[string]UserID{}
		}
		if a.redeemable(e.Author, &p.Invite) != nil {
			return
		}
		if _, ok := a.Redeemed[p.Invite.Nonce]; !ok {
			a.Redeemed[p.Invite.Nonce] = e.Author
			if a.redeemedBy == nil {
				a.redeemedBy = map[UserID][]string{}
			}
			a.redeemedBy[e.Author] = append(a.redeemedBy[e.Author], p.Invite.Nonce)
		}
		if a.Members[e.Author].Rank() < p.Invite.Role.Rank() {
			a.Members[e.Author] = p.Invite.Role
		}
	}
}

// settle records a role event naming user at time at (Unix ms): invites
// issued until then, and those user redeemed so far, no longer admit or
// raise them.
func (a *RoomACL) settle(user UserID, at int64) {
	if a.RoleSet == nil {
		a.RoleSet = map[UserID]int64{}
	}
	if a.Spent == nil {
		a.Spent = map[string]struct{}{}
	}
	if last, ok := a.RoleSet[user]; !ok || at > last {
		a.RoleSet[user] = at
	}
	for _, nonce := range a.redeemedBy[user] {
		a.Spent[nonce] = struct{}{}
	}
	delete(a.redeemedBy, user) // spent for good; later redemptions start a new list
}

// IsACLKind reports whether events of kind change a room's rights.
func IsACLKind(kind string) bool {
	return kind == KindRoom || kind == KindRole || kind == KindMember
}

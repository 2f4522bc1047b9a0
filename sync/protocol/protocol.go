package protocol

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Version is the protocol version this package speaks. A relay closes a
// connection whose hello names another version with CloseBadVersion.
const Version = 1

// Limits every implementation must respect.
const (
	// MaxMessageBytes is the largest message a client may send: the relay's
	// read limit. A larger frame closes the connection with CloseTooBig.
	MaxMessageBytes = 1 << 20
	// MaxRelayMessageBytes is the largest message a relay sends; clients
	// should set their read limit to it. An events message holds as many
	// events as fit in half of it, and at least one.
	MaxRelayMessageBytes = 4 << 20
	// MaxEventsPerPublish is the most events one publish message carries.
	MaxEventsPerPublish = 256
	// MaxRefLength is the longest request reference accepted, in bytes.
	MaxRefLength = 64
	// MaxNameLength is the longest display name accepted in a hello, in bytes.
	MaxNameLength = 100
)

// Message types, the value of every message's "type" field.
const (
	TypeHello     = "hello"
	TypeChallenge = "challenge"
	TypeAuth      = "auth"
	TypeWelcome   = "welcome"
	TypeJoin      = "join"
	TypeJoined    = "joined"
	TypeLeave     = "leave"
	TypePublish   = "publish"
	TypeAck       = "ack"
	TypeEvents    = "events"
	TypePresence  = "presence"
	TypeError     = "error"
)

// Message is one wire message.
type Message interface {
	// Type is the message's "type" field.
	Type() string
	// Validate checks the fields a receiver relies on.
	Validate() error
}

// newMessage maps a type name to a fresh message to decode into.
var newMessage = map[string]func() Message{
	TypeHello:     func() Message { return new(Hello) },
	TypeChallenge: func() Message { return new(Challenge) },
	TypeAuth:      func() Message { return new(Auth) },
	TypeWelcome:   func() Message { return new(Welcome) },
	TypeJoin:      func() Message { return new(Join) },
	TypeJoined:    func() Message { return new(Joined) },
	TypeLeave:     func() Message { return new(Leave) },
	TypePublish:   func() Message { return new(Publish) },
	TypeAck:       func() Message { return new(Ack) },
	TypeEvents:    func() Message { return new(Events) },
	TypePresence:  func() Message { return new(Presence) },
	TypeError:     func() Message { return new(ErrorMsg) },
}

// Encode encodes m as one JSON object with its "type" field first.
func Encode(m Message) ([]byte, error) {
	body, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("encode %s message: %w", m.Type(), err)
	}
	if len(body) < 2 || body[0] != '{' {
		return nil, fmt.Errorf("encode %s message: not a JSON object", m.Type())
	}
	var b bytes.Buffer
	b.Grow(len(body) + len(m.Type()) + 12)
	b.WriteString(`{"type":"`)
	b.WriteString(m.Type())
	b.WriteByte('"')
	if len(body) > 2 {
		b.WriteByte(',')
	}
	b.Write(body[1:])
	return b.Bytes(), nil
}

// Decode decodes and validates one message. Its errors wrap ErrBadMessage
// (not JSON, missing or malformed fields) or ErrUnknownType.
func Decode(data []byte) (Message, error) {
	if t, ok := leadingType(data); ok {
		if decode := decodeTyped[t]; decode != nil {
			// Any failure, or a later "type" member naming another type,
			// goes the general way below, which says what was wrong.
			if m, typ, err := decode(data); err == nil && typ == t {
				if err := m.Validate(); err != nil {
					return nil, fmt.Errorf("%s: %w", t, err)
				}
				return m, nil
			}
		}
	}
	return decodeTwoPass(data)
}

// decodeTwoPass is Decode's general way: the "type" field first, then the
// message it names.
func decodeTwoPass(data []byte) (Message, error) {
	var head struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadMessage, err)
	}
	mk, ok := newMessage[head.Type]
	if !ok {
		return nil, fmt.Errorf("%w: %.40q", ErrUnknownType, head.Type)
	}
	m := mk()
	if err := json.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadMessage, head.Type, err)
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", head.Type, err)
	}
	return m, nil
}

// badf makes a validation error wrapping ErrBadMessage.
func badf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrBadMessage}, args...)...)
}

func checkRef(ref string) error {
	if len(ref) > MaxRefLength {
		return badf("ref is %d bytes, the limit is %d", len(ref), MaxRefLength)
	}
	return nil
}

// leadingType returns the type a message names when it starts as Encode
// writes it, {"type":"name", with name in a-z.
func leadingType(data []byte) (string, bool) {
	const open = `{"type":"`
	if !bytes.HasPrefix(data, []byte(open)) {
		return "", false
	}
	for i := len(open); i < len(data) && i < len(open)+16; i++ {
		switch c := data[i]; {
		case c == '"':
			return string(data[len(open):i]), i > len(open)
		case c < 'a' || c > 'z':
			return "", false
		}
	}
	return "", false
}

// decodeTyped decodes the messages sent most (publish to a relay; events
// and ack to a client) together with their "type" field, in one pass over
// the JSON rather than the two of Decode's general way (the type, then the
// message): each returns the message and the last "type" value, as a
// decode of the type alone would see it.
var decodeTyped = map[string]func([]byte) (Message, string, error){
	TypePublish: func(data []byte) (Message, string, error) {
		w := struct {
			*Publish
			Type string `json:"type"`
		}{Publish: new(Publish)}
		err := json.Unmarshal(data, &w)
		return w.Publish, w.Type, err
	},
	TypeEvents: func(data []byte) (Message, string, error) {
		w := struct {
			*Events
			Type string `json:"type"`
		}{Events: new(Events)}
		err := json.Unmarshal(data, &w)
		return w.Events, w.Type, err
	},
	TypeAck: func(data []byte) (Message, string, error) {
		w := struct {
			*Ack
			Type string `json:"type"`
		}{Ack: new(Ack)}
		err := json.Unmarshal(data, &w)
		return w.Ack, w.Type, err
	},
}

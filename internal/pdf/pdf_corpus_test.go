package pdf

import (
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// paginate parses and paginates a corpus script.
func paginate(t *testing.T, opts screenplay.Options, rel ...string) (string, *screenplay.Document) {
	t.Helper()
	src := string(corpus.Read(t, rel...))
	return src, screenplay.Paginate(fountain.Parse(src), opts)
}

func TestCorpusSmoke(t *testing.T) {
	_, doc := paginate(t, screenplay.Options{SceneNumbers: true}, "fountain", "samples", "big-fish.fountain")
	render(t, doc, Options{})
	_, doc = paginate(t, screenplay.Options{}, "fountain", "samples", "brick-and-steel.fountain")
	render(t, doc, Options{})
}

func TestCorpusUnicodeSmoke(t *testing.T) {
	for _, f := range []string{"cyrillic.fountain", "jp.fountain", "sc.fountain"} {
		_, doc := paginate(t, screenplay.Options{}, "peer-tests", "afterwriting", f)
		render(t, doc, Options{})
	}
}

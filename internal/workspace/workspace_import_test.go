package workspace

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/model"
	"github.com/scriptroom/scriptroom/internal/scriptfile"
	"github.com/scriptroom/scriptroom/internal/textfile"
)

const smallFDX = `<?xml version="1.0" encoding="UTF-8"?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
<Content>
<Paragraph Type="Scene Heading"><Text>INT. DINER - NIGHT</Text></Paragraph>
<Paragraph Type="Action"><Text>Rain on the glass.</Text></Paragraph>
<Paragraph Type="Character"><Text>EDWARD</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>Coffee.</Text></Paragraph>
</Content>
</FinalDraft>
`

// TestImportData: the bytes of a dropped file, without its path, import
// as Import does: the format from the name, the title from the name when
// there is no title page, a first revision saying where it came from.
func TestImportData(t *testing.T) {
	w := newTestWorkspace(t, "Nora")
	im, err := w.ImportData("Late Shift.FDX", []byte(smallFDX))
	if err != nil {
		t.Fatal(err)
	}
	if im.Script.Title != "Late Shift" || im.Script.Head == "" || im.Existing {
		t.Fatalf("ImportData = %+v", im)
	}
	d, err := w.Store().Draft(im.Script.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, "INT. DINER - NIGHT") || !strings.Contains(d.Text, "EDWARD\nCoffee.") {
		t.Errorf("draft:\n%s", d.Text)
	}
	revs, err := w.Store().Revisions(im.Script.ID)
	if err != nil || len(revs) != 1 || revs[0].Message != "Imported from Late Shift.FDX" {
		t.Errorf("revisions = %+v, %v", revs, err)
	}
}

// TestImportRefuses: every file a writer may drop that is not a screenplay
// is refused with an error the app can word (errors.Is), and adds nothing.
func TestImportRefuses(t *testing.T) {
	w := newTestWorkspace(t, "Nora")
	dir := t.TempDir()
	file := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	huge := file("huge.fountain", nil)
	if err := os.Truncate(huge, textfile.MaxSize+1); err != nil {
		t.Fatal(err)
	}
	locked := file("locked.fountain", []byte("FADE IN:\n"))
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	canRead := func() bool { f, err := os.Open(locked); f.Close(); return err == nil }() // root reads anything
	cases := []struct {
		name string
		path string
		want error
	}{
		{"missing", filepath.Join(dir, "gone.fountain"), fs.ErrNotExist},
		{"folder", func() string { p := filepath.Join(dir, "act1.fountain"); os.Mkdir(p, 0o700); return p }(), scriptfile.ErrFolder},
		{"pdf", file("script.pdf", []byte("%PDF-1.4")), scriptfile.ErrUnsupported},
		{"empty", file("empty.fountain", nil), scriptfile.ErrEmpty},
		{"blank", file("blank.txt", []byte("\n  \n")), scriptfile.ErrEmpty},
		{"empty fdx", file("empty.fdx", nil), scriptfile.ErrEmpty},
		{"fdx without paragraphs", file("bare.fdx", []byte(`<FinalDraft><Content></Content></FinalDraft>`)), scriptfile.ErrEmpty},
		{"malformed fdx", file("broken.fdx", []byte("<FinalDraft><Content><Paragraph Type=\"Action\"><Text>Hi</Content>")), fdx.ErrMalformed},
		{"not fdx", file("page.fdx", []byte("<html><body>hi</body></html>")), fdx.ErrNotFDX},
		{"binary", file("song.txt", []byte("ID3\x00\x00\x01binary")), textfile.ErrBinary},
		{"huge", huge, textfile.ErrTooLarge},
	}
	if !canRead {
		cases = append(cases, struct {
			name string
			path string
			want error
		}{"unreadable", locked, fs.ErrPermission})
	}
	for _, tc := range cases {
		if _, err := w.Import(tc.path); !errors.Is(err, tc.want) {
			t.Errorf("%s: Import = %v, want %v", tc.name, err, tc.want)
		}
	}
	if all, _ := w.Store().Scripts(); len(all) != 0 {
		t.Errorf("refused files added %d scripts", len(all))
	}
}

// TestOpenFile: a file opened twice from the same path is imported once;
// once its script is in the trash, opening the file imports it again.
func TestOpenFile(t *testing.T) {
	w := newTestWorkspace(t, "Nora")
	p := filepath.Join(t.TempDir(), "diner.fdx")
	if err := os.WriteFile(p, []byte(smallFDX), 0o600); err != nil {
		t.Fatal(err)
	}
	first, err := w.OpenFile(p)
	if err != nil || first.Existing {
		t.Fatalf("first OpenFile = %+v, %v", first, err)
	}
	again, err := w.OpenFile(filepath.Join(filepath.Dir(p), ".", "diner.fdx"))
	if err != nil || !again.Existing || again.Script.ID != first.Script.ID {
		t.Fatalf("second OpenFile = %+v, %v; want the script %s", again, err, first.Script.ID)
	}
	if _, err := w.Update(first.Script.ID, func(sc *model.Script) error { sc.Trashed = w.Now(); return nil }); err != nil {
		t.Fatal(err)
	}
	third, err := w.OpenFile(p)
	if err != nil || third.Existing || third.Script.ID == first.Script.ID {
		t.Fatalf("OpenFile after trash = %+v, %v", third, err)
	}
	if all, _ := w.Store().Scripts(); len(all) != 2 {
		t.Errorf("%d scripts, want 2", len(all))
	}
}

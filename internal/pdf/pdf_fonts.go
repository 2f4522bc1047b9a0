package pdf

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/encoding/charmap"
)

// Font is a TrueType font family that can print text outside Windows-1252.
// Only Regular is required; a missing style is printed with Regular.
// Files must be TrueType outlines (.ttf with glyf tables): collections
// (.ttc) and CFF-based .otf files are not supported by the PDF writer.
type Font struct {
	Name       string // the family's name, used in messages
	Regular    string // path of the regular face
	Bold       string // path of the bold face, or ""
	Italic     string // path of the italic (oblique) face, or ""
	BoldItalic string // path of the bold italic face, or ""
}

// knownFont is a family SystemFonts looks for, by file name.
type knownFont struct {
	name                             string
	regular, bold, italic, boldItalc string
}

// knownFonts are the families SystemFonts looks for, best first: monospace
// faces first (Liberation Mono has Courier New's metrics; FreeMono adds
// Hebrew and Arabic with its presentation forms), then proportional faces
// that fill what the monospace ones lack: DejaVu Sans (Hebrew, Arabic,
// symbols, the BMP's emoji-like dingbats), FreeSerif, Symbola, Noto's
// per-script faces, and CJK. The Debian packages are fonts-liberation,
// fonts-dejavu-core, fonts-noto-mono, fonts-freefont-ttf, fonts-symbola,
// fonts-noto-core, fonts-ipafont-gothic and fonts-droid-fallback. After
// these, SystemFonts adds every other Noto "-Regular.ttf" face installed.
var knownFonts = []knownFont{
	{"Liberation Mono", "LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf", "LiberationMono-Italic.ttf", "LiberationMono-BoldItalic.ttf"},
	{"DejaVu Sans Mono", "DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSansMono-Oblique.ttf", "DejaVuSansMono-BoldOblique.ttf"},
	{"Noto Sans Mono", "NotoSansMono-Regular.ttf", "NotoSansMono-Bold.ttf", "", ""},
	{"FreeMono", "FreeMono.ttf", "FreeMonoBold.ttf", "FreeMonoOblique.ttf", "FreeMonoBoldOblique.ttf"},
	{"DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"},
	{"FreeSerif", "FreeSerif.ttf", "FreeSerifBold.ttf", "FreeSerifItalic.ttf", "FreeSerifBoldItalic.ttf"},
	{"Noto Sans Hebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", "", ""},
	{"Noto Sans Arabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", "", ""},
	{"Symbola", "Symbola_hint.ttf", "", "", ""},
	{"Symbola", "Symbola.ttf", "", "", ""},
	{"IPAGothic", "ipag.ttf", "", "", ""},
	{"Droid Sans Fallback", "DroidSansFallbackFull.ttf", "", "", ""},
	{"Droid Sans Fallback", "DroidSansFallback.ttf", "", "", ""},
}

// fontDirs are the folders SystemFonts searches, recursively.
func fontDirs() []string {
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "darwin":
		return []string{"/Library/Fonts", "/System/Library/Fonts", filepath.Join(home, "Library/Fonts")}
	case "windows":
		return []string{filepath.Join(os.Getenv("WINDIR"), "Fonts")}
	}
	return []string{"/usr/share/fonts", "/usr/local/share/fonts", filepath.Join(home, ".fonts"), filepath.Join(home, ".local/share/fonts")}
}

// SystemFonts returns the installed fonts that Write may use for text
// outside Windows-1252, best first.
func SystemFonts() []Font {
	found := map[string]string{} // file name -> path; the first one found wins
	for _, dir := range fontDirs() {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // an unreadable folder hides only its own fonts
			}
			if !d.IsDir() {
				if _, ok := found[d.Name()]; !ok {
					found[d.Name()] = p
				}
			}
			return nil
		})
	}
	var out []Font
	known := map[string]bool{}
	for _, k := range knownFonts {
		known[k.regular] = true
		reg, ok := found[k.regular]
		if !ok {
			continue
		}
		out = append(out, Font{Name: k.name, Regular: reg, Bold: found[k.bold], Italic: found[k.italic], BoldItalic: found[k.boldItalc]})
	}
	// Noto's other faces, one per script (Devanagari, Thai, Armenian, …),
	// in name order so that every run picks the same one.
	var noto []string
	for name := range found {
		if strings.HasPrefix(name, "Noto") && strings.HasSuffix(name, "-Regular.ttf") && !known[name] {
			noto = append(noto, name)
		}
	}
	sort.Strings(noto)
	for _, name := range noto {
		base := strings.TrimSuffix(name, "-Regular.ttf")
		out = append(out, Font{Name: base, Regular: found[name], Bold: found[base+"-Bold.ttf"]})
	}
	return out
}

// latin1 reports whether the core Courier font can print r (Windows-1252).
func latin1(r rune) bool {
	if r < 0x80 {
		return true
	}
	_, ok := charmap.Windows1252.EncodeRune(r)
	return ok
}

// loadedFont is a candidate font with its character map.
type loadedFont struct {
	Font
	sfnt    *sfnt.Font
	buf     sfnt.Buffer
	regular []byte // the regular face's file
}

// covers reports whether the font prints r. The PDF writer reads only a
// font's Basic Multilingual Plane (cmap format 4), so characters above
// U+FFFF (most emoji) are never covered and print as boxes.
func (f *loadedFont) covers(r rune) bool {
	if r > 0xFFFF {
		return false
	}
	i, err := f.sfnt.GlyphIndex(&f.buf, r)
	return err == nil && i != 0
}

// fontChain is the ordered fonts a Unicode document is printed with: each
// character is printed with the first font of the chain that has it.
type fontChain []*loadedFont

// chooseFonts returns the fonts needed to print the runes of need, taking
// candidates in order and keeping those that cover something still
// missing, and the runes no candidate covers, in order.
func chooseFonts(need map[rune]bool, candidates []Font) (fontChain, []rune) {
	missing := map[rune]bool{}
	for r := range need {
		missing[r] = true
	}
	var chain fontChain
	for _, c := range candidates {
		if len(missing) == 0 {
			break
		}
		b, err := os.ReadFile(c.Regular)
		if err != nil {
			continue
		}
		f, err := sfnt.Parse(b)
		if err != nil {
			continue
		}
		lf := &loadedFont{Font: c, sfnt: f, regular: b}
		used := false
		for r := range missing {
			if lf.covers(r) {
				delete(missing, r)
				used = true
			}
		}
		if used {
			chain = append(chain, lf)
		}
	}
	rs := make([]rune, 0, len(missing))
	for r := range missing {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	return chain, rs
}

// missingWarning names up to 20 of the characters no font has.
func missingWarning(rs []rune) string {
	const show = 20
	var names []string
	for i, r := range rs {
		if i == show {
			names = append(names, fmt.Sprintf("and %d more", len(rs)-show))
			break
		}
		names = append(names, fmt.Sprintf("%q (U+%04X)", r, r))
	}
	what := "this character"
	if len(rs) > 1 {
		what = "these characters"
	}
	return fmt.Sprintf("no installed font has %s, printed as boxes: %s", what, strings.Join(names, ", "))
}

// fontFor returns the index in the chain of the font that prints r, or
// noGlyph when none does.
func (c fontChain) fontFor(r rune) int {
	for i, f := range c {
		if f.covers(r) {
			return i
		}
	}
	return noGlyph
}

// noGlyph is fontFor's answer for a character no font of the chain has:
// it is printed as a box.
const noGlyph = -1

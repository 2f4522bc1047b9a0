package fdx_test

import (
	"fmt"
	"strings"

	"github.com/scriptroom/scriptroom/internal/fdx"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

func ExampleRead() {
	src := `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
  <Content>
    <Paragraph Type="Scene Heading" Number="1"><Text>INT. VAULT - NIGHT</Text></Paragraph>
    <Paragraph Type="Action"><Text>The door opens. </Text><Text Style="Bold">Gold.</Text></Paragraph>
    <Paragraph Type="Cast List"><Text>BOB, ALICE</Text></Paragraph>
  </Content>
</FinalDraft>`
	s, rep, err := fdx.Read(strings.NewReader(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(fountain.Write(s))
	fmt.Print(rep)
	// Output:
	// INT. VAULT - NIGHT #1#
	//
	// The door opens. **Gold.**
	//
	// BOB, ALICE
	// approximated: paragraph type "Cast List" read as action
}

func ExampleWrite() {
	s := fountain.Parse("BOB\nJump! *Now!*\n")
	var b strings.Builder
	if err := fdx.Write(&b, s); err != nil {
		fmt.Println(err)
		return
	}
	out := b.String()
	fmt.Print(out[strings.Index(out, "  <Content>") : strings.Index(out, "</Content>")+len("</Content>\n")])
	// Output:
	//   <Content>
	//     <Paragraph Type="Character">
	//       <Text>BOB</Text>
	//     </Paragraph>
	//     <Paragraph Type="Dialogue">
	//       <Text>Jump! </Text>
	//       <Text Style="Italic">Now!</Text>
	//     </Paragraph>
	//   </Content>
}

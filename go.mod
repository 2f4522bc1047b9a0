module github.com/scriptroom/scriptroom

go 1.26

require github.com/sergi/go-diff v1.4.0

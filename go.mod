module github.com/scriptroom/scriptroom

go 1.26

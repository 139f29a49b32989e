module github.com/kestrel-runtime/lua

go 1.26

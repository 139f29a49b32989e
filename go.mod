module github.com/kestrel-runtime/lua

go 1.26

require (
	github.com/alecthomas/participle/v2 v2.1.4 // indirect
	github.com/stretchr/testify v1.11.1 // indirect
)

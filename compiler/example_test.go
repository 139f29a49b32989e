package compiler_test

import (
	"fmt"
	"os"

	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/parser"
	"github.com/kestrel-runtime/lua/vm"
)

// A rule compiled with Optimize reads its event field with one FIELD
// instruction.
func ExampleCompile() {
	src := "return function(event) return event:get_str(1) end"
	chunk, err := parser.Parse("rule.lua", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	proto, err := compiler.Compile(chunk, compiler.Options{Optimize: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	vm.Disassemble(os.Stdout, proto.Protos[0])
	// Output:
	//
	// function <rule.lua:1,1> (3 instructions, 12 bytes at 0x00000001)
	// 1 param, 2 slots, 0 upvalues, 1 local, 0 constants, 0 functions
	// 	1	[1]	FIELD    	1 0 0	; get_str 1
	// 	2	[1]	RETURN   	1 2
	// 	3	[1]	RETURN   	0 1
}

// Field names are resolved through the schema at compile time; an unknown
// name is a compile error at the argument.
func ExampleCompile_schema() {
	schema := testSchema{{ID: 7, Name: "exe", Type: vm.TypeString}}
	src := "return function(ev)\n  return ev:get_str('exe'), ev:get_str('cmdline')\nend"
	chunk, _ := parser.Parse("rule.lua", []byte(src))
	_, err := compiler.Compile(chunk, compiler.Options{Optimize: true, Schema: schema})
	fmt.Println(err)
	fmt.Println(err.(*compiler.Error).LuaMessage())
	// Output:
	// rule.lua:2:40: unknown event field 'cmdline'
	// rule.lua:2: unknown event field 'cmdline'
}

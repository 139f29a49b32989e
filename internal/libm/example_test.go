package libm_test

import (
	"fmt"

	"github.com/kestrel-runtime/lua/internal/libm"
)

// Pow rounds correctly, as glibc's pow does; lua5.1 prints
// 5.9309463372317e+126 for 3.14159^255, where Go's math.Pow gives a result
// one ulp off that prints ...316e+126.
func ExamplePow() {
	fmt.Printf("%.14g\n", libm.Pow(3.14159, 255))
	fmt.Printf("%.14g\n", libm.Pow(-8, 1.0/3)) // negative base, non-integral exponent
	fmt.Printf("%.14g\n", libm.Pow(2, 0.5))
	// Output:
	// 5.9309463372317e+126
	// NaN
	// 1.4142135623731
}

func ExampleSin() {
	// Arguments are reduced modulo π/2 with as many bits of π as their
	// magnitude needs, however large they are.
	fmt.Printf("%.17g\n", libm.Sin(1e22))
	// Output:
	// -0.85220084976718879
}

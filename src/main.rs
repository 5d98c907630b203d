//! The `strata` binary: argument parsing and dispatch. Everything else lives in the library.

mod cli;

/// mimalloc: a diff or a load makes hundreds of thousands of small allocations, which it serves
/// faster than the system allocator and with fewer page faults (README, "Diff", speed).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's options, set from the program's constructors (`.init_array`, run before the Rust
/// runtime starts), because the runtime's first allocation, before `main`, reserves the first
/// arena (README, "Diff", speed):
/// - arenas of 64 MiB instead of 1 GiB: a short run (`--version`, `diff --section`) spends about
///   0.25 ms less setting up and zeroing the first arena; a larger heap reserves more arenas;
/// - no transparent huge pages: a short run touches a few hundred KiB of heap, and clearing whole
///   2 MiB pages for it cost more than the 4 KiB page faults; whole-document diffs take as long.
///
/// `MIMALLOC_ARENA_RESERVE` and `MIMALLOC_ALLOW_THP` in the environment still win.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static MIMALLOC_OPTIONS: extern "C" fn() = {
    extern "C" fn set() {
        // Indices in mimalloc 3's `mi_option_t`; a test (tests/diff_cli.rs) reads them back by name.
        const ARENA_RESERVE: std::ffi::c_int = 23;
        const ALLOW_THP: std::ffi::c_int = 43;
        unsafe extern "C" {
            fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
        }
        for (name, option, value) in
            [(c"MIMALLOC_ARENA_RESERVE", ARENA_RESERVE, 64 << 10), (c"MIMALLOC_ALLOW_THP", ALLOW_THP, 0)]
        {
            // SAFETY: getenv reads a NUL-terminated name; nothing changes the environment yet.
            if unsafe { libc::getenv(name.as_ptr()) }.is_null() {
                // SAFETY: mi_option_set only stores the value (KiB for the arena); it allocates
                // nothing.
                unsafe { mi_option_set(option, value) };
            }
        }
    }
    set
};

fn main() {
    let code = cli::main();
    // The process ends without the C runtime's exit handlers: mimalloc's walks the whole heap to
    // return its pages one region at a time (`madvise`), which the kernel's teardown does anyway.
    // The one thing std's exit does first, flushing stdout, is done here (README, "Diff", speed).
    let _ = std::io::Write::flush(&mut std::io::stdout());
    // SAFETY: `_exit` ends the process at once; nothing after this point is run.
    unsafe { libc::_exit(code) }
}

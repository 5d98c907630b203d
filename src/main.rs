//! The `strata` binary: argument parsing and dispatch. Everything else lives in the library.

mod cli;

/// mimalloc: a diff or a load makes hundreds of thousands of small allocations, which it serves
/// faster than the system allocator and with fewer page faults (README, "Diff", speed).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's start, run from the program's constructors (`.init_array`, priority 100: after std
/// records the arguments, before mimalloc's own constructor and before the Rust runtime's first
/// allocation reserves the first arena) (README, "Diff", speed). Its options:
/// - arenas of 64 MiB instead of 1 GiB: a short run (`--version`, `diff --section`) spends about
///   0.25 ms less setting up and zeroing the first arena; a larger heap reserves more arenas;
/// - no transparent huge pages: a short run touches a few hundred KiB of heap, and clearing whole
///   2 MiB pages for it cost more than the 4 KiB page faults; whole-document diffs take as long.
///
/// `MIMALLOC_ARENA_RESERVE` and `MIMALLOC_ALLOW_THP` in the environment still win. When no
/// variable's name starts with `MIMALLOC_` (mimalloc compares case-insensitively), mimalloc is
/// initialised here with an empty environment: it looks up every one of its ~50 options by
/// scanning the whole environment, which then finds none of them either way, but costs ~100,000
/// instructions in a shell's environment and more in cargo's.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array.00100")]
static MIMALLOC_START: extern "C" fn() = {
    extern "C" fn start() {
        use std::ffi::{c_char, c_int, c_long};
        // Indices in mimalloc 3's `mi_option_t`; a test (tests/diff_cli.rs) reads them back by name.
        const ARENA_RESERVE: c_int = 23;
        const ALLOW_THP: c_int = 43;
        unsafe extern "C" {
            fn mi_option_set(option: c_int, value: c_long);
            fn mi_process_init();
            static mut environ: *const *const c_char;
        }
        // SAFETY: a single thread runs the constructors; `environ` is a NULL-terminated array of
        // NUL-terminated strings that nothing changes yet.
        let vars = unsafe { environ };
        let mut any = false;
        if !vars.is_null() {
            for i in 0.. {
                // SAFETY: as above, up to and including the terminating NULL.
                let var = unsafe { *vars.add(i) };
                if var.is_null() {
                    break;
                }
                // SAFETY: a NUL-terminated string from the environment.
                let name = unsafe { std::ffi::CStr::from_ptr(var) }.to_bytes();
                any |= name.len() >= 9 && name[..9].eq_ignore_ascii_case(b"MIMALLOC_");
            }
        }
        for (name, option, value) in
            [(c"MIMALLOC_ARENA_RESERVE", ARENA_RESERVE, 64 << 10), (c"MIMALLOC_ALLOW_THP", ALLOW_THP, 0)]
        {
            // SAFETY: getenv reads a NUL-terminated name; nothing changes the environment yet.
            if !any || unsafe { libc::getenv(name.as_ptr()) }.is_null() {
                // SAFETY: mi_option_set only stores the value (KiB for the arena); it allocates
                // nothing.
                unsafe { mi_option_set(option, value) };
            }
        }
        if !any {
            static EMPTY: [usize; 1] = [0];
            // SAFETY: single-threaded as above; mimalloc's initialisation reads `environ` only to
            // look up its options, and sees an empty (NULL-terminated) one for the duration.
            unsafe {
                environ = EMPTY.as_ptr().cast();
                mi_process_init();
                environ = vars;
            }
        }
    }
    start
};

/// Where the executable lies, for `$ORIGIN` in the search paths of libraries a static binary
/// loads with `dlopen`: glibc's start-up in a static binary asks for it unconditionally
/// (`_dl_non_dynamic_init`), by reading the link `/proc/self/exe`, about 2% of a `diff --section`
/// run (README, "Diff", speed). strata loads no library by a `$ORIGIN` path, so the static link
/// (`build.rs`) takes this definition instead of libc.a's (an archive member is linked only for a
/// symbol nothing defined yet; glibc's `dl-origin.o` defines nothing else): "unknown", as glibc
/// answers when the link cannot be read, which leaves `$ORIGIN` unexpanded. A dynamically linked
/// build never calls it (the dynamic loader has its own).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[unsafe(no_mangle)]
extern "C" fn _dl_get_origin() -> *const std::ffi::c_char {
    usize::MAX as *const std::ffi::c_char
}

fn main() {
    let code = cli::main();
    // The process ends without the C runtime's exit handlers: mimalloc's walks the whole heap to
    // return its pages one region at a time (`madvise`), which the kernel's teardown does anyway.
    // The one thing std's exit does first, flushing stdout, is done here (README, "Diff", speed).
    let _ = std::io::Write::flush(&mut std::io::stdout());
    // SAFETY: `_exit` ends the process at once; nothing after this point is run.
    unsafe { libc::_exit(code) }
}

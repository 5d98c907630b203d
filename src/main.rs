//! The `strata` binary: argument parsing and dispatch. Everything else lives in the library.
//!
//! On Linux with glibc the C runtime calls [`main`] directly, without std's start (`no_main`);
//! the unit-test build keeps std's start, so that the test harness's own `main` runs its tests.
#![cfg_attr(all(target_os = "linux", target_env = "gnu", not(test)), no_main)]

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
///   `normalize` is the exception: its heap grows to about ten times its input (some 20 MB for
///   the samples), and 2 MiB pages take it there with ~200 page faults instead of ~3,800
///   (README, "Scale"). The command is the first argument that is not an option: a value given
///   to an option before the command (`--lang en normalize`) only leaves the small pages on.
///
/// `MIMALLOC_ARENA_RESERVE` and `MIMALLOC_ALLOW_THP` in the environment still win. When no
/// variable's name starts with `MIMALLOC_` (mimalloc compares case-insensitively), mimalloc is
/// initialised here with an empty environment: it looks up every one of its ~50 options by
/// scanning the whole environment, which then finds none of them either way, but costs ~100,000
/// instructions in a shell's environment and more in cargo's; and every option is then marked as
/// set at its default, as mimalloc does not mark one it found missing while the C runtime starts
/// (it would look them all up again, in the whole environment, once started).
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array.00100")]
static MIMALLOC_START: extern "C" fn(std::ffi::c_int, *const *const std::ffi::c_char) = {
    // glibc calls the constructors with the program's arguments, as it calls `main`.
    extern "C" fn start(argc: std::ffi::c_int, argv: *const *const std::ffi::c_char) {
        use std::ffi::{c_char, c_int, c_long};
        // Indices in mimalloc 3's `mi_option_t`; a test (tests/diff_cli.rs) reads them back by name.
        const ARENA_RESERVE: c_int = 23;
        const ALLOW_THP: c_int = 43;
        // `_mi_option_last`: how many options there are (tests/diff_cli.rs counts them in
        // mimalloc's own listing).
        const OPTIONS: c_int = 47;
        unsafe extern "C" {
            fn mi_option_set(option: c_int, value: c_long);
            /// An option's value as it stands, without looking it up (mimalloc's internal API).
            fn _mi_option_get_fast(option: c_int) -> c_long;
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
        // Another C library need not pass the arguments: no command is seen there.
        let given = if cfg!(target_env = "gnu") && !argv.is_null() { argc.max(0) as usize } else { 0 };
        // SAFETY: glibc passes the `argc` NUL-terminated arguments of `main`, in an array that
        // nothing changes yet.
        let command = (1..given)
            .map(|i| unsafe { std::ffi::CStr::from_ptr(*argv.add(i)) }.to_bytes())
            .find(|a| !a.starts_with(b"-"));
        let thp = c_long::from(command == Some(b"normalize".as_slice()));
        for (name, option, value) in
            [(c"MIMALLOC_ARENA_RESERVE", ARENA_RESERVE, 64 << 10), (c"MIMALLOC_ALLOW_THP", ALLOW_THP, thp)]
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
                // While the C runtime starts, mimalloc leaves an option it did not find unset, to
                // look it up again in the real environment once started (its own constructor,
                // then first uses: ~40,000 instructions in a shell's environment). None is there:
                // each is set at the default it now holds. `mi_option_set` only stores it.
                for option in 0..OPTIONS {
                    mi_option_set(option, _mi_option_get_fast(option));
                }
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

/// The program, called by the C runtime (std records the arguments from its own constructor).
///
/// std's start is left out: it sets up the stack-overflow message, which finds the main
/// thread's stack by parsing `/proc/self/maps` (`pthread_getattr_np`: ten system calls and
/// 47,000 instructions, about 3% of a `diff --section` run; README, "Diff", speed). A stack
/// overflow (no recursion follows the input's depth) still ends the process, by `SIGSEGV` without
/// the message. What else std's start does is done here: the standard descriptors that are
/// closed are opened on `/dev/null` (so that no file opened later takes their numbers), `SIGPIPE`
/// is ignored (a write to a closed pipe fails with an error), and a panic, reported by the hook,
/// exits with 101.
#[cfg(all(target_os = "linux", target_env = "gnu", not(test)))]
#[unsafe(no_mangle)]
extern "C" fn main(_argc: std::ffi::c_int, _argv: *const *const std::ffi::c_char) -> std::ffi::c_int {
    let mut fds = [0, 1, 2].map(|fd| libc::pollfd { fd, events: 0, revents: 0 });
    // SAFETY: poll reads and writes the three entries of `fds`.
    let polled = unsafe { libc::poll(fds.as_mut_ptr(), 3, 0) } != -1;
    for p in fds {
        // SAFETY: fcntl F_GETFD only asks whether the descriptor is open.
        let closed =
            if polled { p.revents & libc::POLLNVAL != 0 } else { (unsafe { libc::fcntl(p.fd, libc::F_GETFD) }) == -1 };
        // SAFETY: open takes a NUL-terminated path; the lowest free number is the closed one.
        if closed && unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) } == -1 {
            // SAFETY: as std does, a process that cannot have its standard descriptors stops.
            unsafe { libc::abort() }
        }
    }
    // SAFETY: setting a signal's disposition to "ignore" runs no code.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    finish(std::panic::catch_unwind(cli::main).unwrap_or(101))
}

#[cfg(not(all(target_os = "linux", target_env = "gnu", not(test))))]
fn main() {
    finish(cli::main())
}

/// Ends the process with `code`.
fn finish(code: i32) -> ! {
    // The process ends without the C runtime's exit handlers: mimalloc's walks the whole heap to
    // return its pages one region at a time (`madvise`), which the kernel's teardown does anyway.
    // The one thing std's exit does first, flushing stdout, is done here (README, "Diff", speed).
    let _ = std::io::Write::flush(&mut std::io::stdout());
    // SAFETY: `_exit` ends the process at once; nothing after this point is run.
    unsafe { libc::_exit(code) }
}

//! Where worker threads run. Linux may start a thread on the CPU of the thread that started it
//! and leave it there for tens of milliseconds, the two taking turns in 4 ms slices while another
//! CPU idles (seen on a 2-core VM for `normalize`'s two workers, README "Scale"): [`move_off`]
//! sends a new worker to another CPU at once, after which the scheduler balances it as usual.

/// The CPU the calling thread runs on, where the system tells.
pub fn current_cpu() -> Option<usize> {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: sched_getcpu takes nothing and only answers.
        usize::try_from(unsafe { libc::sched_getcpu() }).ok()
    }
    #[cfg(not(target_os = "linux"))]
    None
}

/// Moves the calling thread off `cpu` (its starter's, from [`current_cpu`]) onto another CPU it
/// may run on, then lets it run on any of them again. Does nothing where it may run on `cpu`
/// only, or on a system without CPU affinity.
pub fn move_off(cpu: usize) {
    #[cfg(target_os = "linux")]
    {
        let size = std::mem::size_of::<libc::cpu_set_t>();
        // SAFETY: an all-zero cpu_set_t is the empty set.
        let mut allowed: libc::cpu_set_t = unsafe { std::mem::zeroed() };
        // SAFETY: the kernel writes at most `size` bytes into `allowed`; 0 is the calling thread.
        if cpu >= libc::CPU_SETSIZE as usize || unsafe { libc::sched_getaffinity(0, size, &mut allowed) } != 0 {
            return;
        }
        let mut others = allowed;
        // SAFETY: `cpu` is below CPU_SETSIZE, inside the set; CPU_COUNT reads the set.
        if unsafe {
            libc::CPU_CLR(cpu, &mut others);
            libc::CPU_COUNT(&others)
        } == 0
        {
            return;
        }
        // SAFETY: both sets are valid cpu_set_t of `size` bytes; setting the calling thread's
        // affinity to CPUs without the one it runs on moves it before the call returns, and the
        // second call gives back the set it had.
        unsafe {
            if libc::sched_setaffinity(0, size, &others) == 0 {
                libc::sched_setaffinity(0, size, &allowed);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = cpu;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    fn allowed() -> Vec<usize> {
        // SAFETY: as in `move_off`.
        let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) };
        assert_eq!(rc, 0);
        (0..libc::CPU_SETSIZE as usize).filter(|&c| unsafe { libc::CPU_ISSET(c, &set) }).collect()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn moving_off_a_cpu_gives_the_thread_its_cpus_back() {
        std::thread::spawn(|| {
            let before = allowed();
            let cpu = current_cpu().expect("Linux tells the CPU");
            assert!(before.contains(&cpu), "{cpu} in {before:?}");
            move_off(cpu);
            assert_eq!(allowed(), before, "the affinity is given back");
            // Not a CPU the thread may run on: nothing happens.
            move_off(libc::CPU_SETSIZE as usize + 1);
            assert_eq!(allowed(), before);
        })
        .join()
        .unwrap();
    }
}

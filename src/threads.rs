//! Worker threads: [`map_on`] runs a function over items on several threads, and where they
//! run. Linux may start a thread on the CPU of the thread that started it and leave it there for
//! tens of milliseconds, the two taking turns in 4 ms slices while another CPU idles (seen on a
//! 2-core VM for `normalize`'s two workers, README "Scale"): [`move_off`] sends a new worker to
//! another CPU at once, after which the scheduler balances it as usual.

use std::sync::{Mutex, PoisonError};

/// `f` of every item, in the items' order, on up to `threads` threads at once (the calling
/// thread among them), each taking the next item none has taken: items in the order they should
/// start. A started thread first leaves the caller's CPU ([`move_off`]). Items that no thread
/// could be started for are done on the calling thread.
pub fn map_on<T: Send, R: Send>(items: Vec<T>, threads: usize, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = threads.min(items.len());
    if threads < 2 {
        return items.into_iter().map(f).collect();
    }
    let lock = |m| Mutex::lock(m).unwrap_or_else(PoisonError::into_inner);
    let cells: Vec<Mutex<(Option<T>, Option<R>)>> = items.into_iter().map(|t| Mutex::new((Some(t), None))).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        while let Some(cell) = cells.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
            let item = lock(cell).0.take();
            if let Some(item) = item {
                let r = f(item);
                lock(cell).1 = Some(r);
            }
        }
    };
    let starter = current_cpu();
    std::thread::scope(|scope| {
        for _ in 1..threads {
            let started = std::thread::Builder::new().spawn_scoped(scope, move || {
                if let Some(cpu) = starter {
                    move_off(cpu);
                }
                work()
            });
            if started.is_err() {
                break;
            }
        }
        work();
    });
    cells
        .into_iter()
        .map(|c| c.into_inner().unwrap_or_else(PoisonError::into_inner).1.expect("every item is done"))
        .collect()
}

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

    #[test]
    fn map_on_keeps_the_order_does_every_item_and_runs_them_side_by_side() {
        for (n, threads) in [(0, 4), (1, 4), (2, 2), (7, 3), (8, 8), (25, 8), (5, 1)] {
            let items: Vec<usize> = (0..n).collect();
            assert_eq!(map_on(items, threads, |i| i * 10), (0..n).map(|i| i * 10).collect::<Vec<_>>(), "{n} items");
        }
        // Three calls that each wait for the other two finish only if they run at the same time.
        let all = std::sync::Barrier::new(3);
        assert_eq!(map_on(vec!['a', 'b', 'c'], 3, |c| all.wait().is_leader() as usize + c as usize).len(), 3);
    }

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

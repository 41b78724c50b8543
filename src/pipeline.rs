//! Work in order on several threads: jobs are made one after another on
//! the calling thread, done on any thread, and taken back on the calling
//! thread in the order they were made. Only the doing runs in parallel, so
//! whatever is made and taken in order — the state that decides a result
//! or its first error — sees exactly what one thread would see. With one
//! thread nothing is spawned: the same loop makes, does and takes each job
//! in turn.
//!
//! Reading a pledge CSV uses it (rows split and counted in order, their
//! fields read anywhere), and so does spreading (sums of alike pledges cut
//! anywhere, their pieces counted in order).

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use crate::Error;

/// At most this many threads work: the making and taking are on one, so
/// more gain nothing.
const MOST_THREADS: usize = 8;

/// Jobs made but not yet taken, when other threads work: bounds the
/// memory taken while the taking lags.
const IN_FLIGHT: u64 = 8;

/// A job and its place in the order.
struct Placed<J> {
    seq: u64,
    job: J,
}

/// What the threads share: jobs to do, jobs done, spent jobs to fill again.
struct State<J> {
    made: Vec<Placed<J>>,
    done: Vec<Placed<J>>,
    spent: Vec<J>,
    stop: bool,
    /// A thread panicked while doing a job, which will never be done.
    lost: bool,
}

struct Shared<J> {
    state: Mutex<State<J>>,
    /// Signalled when a job is made or done, and at the end.
    changed: Condvar,
}

impl<J> Shared<J> {
    fn lock(&self) -> MutexGuard<'_, State<J>> {
        // A thread that panicked holding the lock left the state whole
        // (each change is one push or pop).
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'g>(&self, guard: MutexGuard<'g, State<J>>) -> MutexGuard<'g, State<J>> {
        self.changed
            .wait(guard)
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// Stops the other threads when the calling thread is done, however it
/// ends (a panic included: they would otherwise wait for it forever).
struct StopOnDrop<'a, J>(&'a Shared<J>);

impl<J> Drop for StopOnDrop<'_, J> {
    fn drop(&mut self) {
        self.0.lock().stop = true;
        self.0.changed.notify_all();
    }
}

/// Tells the calling thread, should a working thread panic, not to wait
/// for the job it was doing.
struct LostOnPanic<'a, J>(&'a Shared<J>);

impl<J> Drop for LostOnPanic<'_, J> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().lost = true;
            self.0.changed.notify_all();
        }
    }
}

/// Makes jobs with `make` (which fills a job and says whether more may
/// follow), does each with `work` on up to `threads` threads, and takes
/// each with `take`, in the order made, until `take` fails or the jobs
/// run out.
///
/// # Errors
///
/// The first error of `take`.
pub(crate) fn run<J: Default + Send>(
    threads: usize,
    mut make: impl FnMut(&mut J) -> bool,
    work: impl Fn(&mut J) + Sync,
    mut take: impl FnMut(&mut J) -> Result<(), Error>,
) -> Result<(), Error> {
    let shared = Shared {
        state: Mutex::new(State {
            made: Vec::new(),
            done: Vec::new(),
            spent: Vec::new(),
            stop: false,
            lost: false,
        }),
        changed: Condvar::new(),
    };
    std::thread::scope(|scope| {
        let mut helpers = 0;
        for _ in 1..threads.min(MOST_THREADS) {
            let help = std::thread::Builder::new()
                .name("alliance-work".to_owned())
                .spawn_scoped(scope, || help(&shared, &work));
            // A thread the system will not give: fewer work.
            if help.is_ok() {
                helpers += 1;
            }
        }
        let _stop = StopOnDrop(&shared);
        let in_flight = if helpers == 0 { 1 } else { IN_FLIGHT };
        // The next job to take, the next to make, and whether more follow.
        let (mut next, mut made, mut more) = (0u64, 0u64, true);
        let mut state = shared.lock();
        loop {
            if let Some(i) = state.done.iter().position(|p| p.seq == next) {
                let mut done = state.done.swap_remove(i);
                drop(state);
                take(&mut done.job)?;
                next += 1;
                state = shared.lock();
                state.spent.push(done.job);
            } else if more && made - next < in_flight {
                let mut job = state.spent.pop().unwrap_or_default();
                drop(state);
                more = make(&mut job);
                let seq = made;
                made += 1;
                state = shared.lock();
                state.made.push(Placed { seq, job });
                shared.changed.notify_all();
            } else if let Some(i) = (0..state.made.len()).min_by_key(|&i| state.made[i].seq) {
                // The oldest job first: the next to take may be waiting.
                let mut job = state.made.swap_remove(i);
                drop(state);
                work(&mut job.job);
                state = shared.lock();
                state.done.push(job);
            } else if !more && next == made {
                return Ok(());
            } else if state.lost {
                // The scope passes the panic on once every thread is joined.
                return Ok(());
            } else {
                state = shared.wait(state);
            }
        }
    })
}

/// A working thread's part: does made jobs, oldest first, until told to
/// stop.
fn help<J>(shared: &Shared<J>, work: &impl Fn(&mut J)) {
    let _lost = LostOnPanic(shared);
    let mut state = shared.lock();
    loop {
        if state.stop {
            return;
        }
        match (0..state.made.len()).min_by_key(|&i| state.made[i].seq) {
            Some(i) => {
                let mut job = state.made.swap_remove(i);
                drop(state);
                work(&mut job.job);
                state = shared.lock();
                state.done.push(job);
                shared.changed.notify_all();
            }
            None => state = shared.wait(state),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use proptest::prelude::*;

    proptest! {
        /// Jobs are taken in the order made, each done once, on any
        /// number of threads; the first error of `take` ends the run.
        #[test]
        fn jobs_are_taken_in_order(n in 0u64..200, threads in 1usize..5, fail_at in proptest::option::of(0u64..200)) {
            let mut count = 0u64;
            let mut taken = Vec::new();
            let result = run(
                threads,
                |job: &mut (u64, u64)| {
                    *job = (count, 0);
                    count += 1;
                    count < n
                },
                |job| job.1 = job.0 * 3 + 1,
                |job| {
                    if Some(job.0) == fail_at {
                        return Err(ErrorKind::EmptyInput.into());
                    }
                    taken.push(*job);
                    Ok(())
                },
            );
            let jobs = n.max(1);
            let expected: Vec<(u64, u64)> = (0..jobs)
                .take_while(|i| Some(*i) != fail_at)
                .map(|i| (i, i * 3 + 1))
                .collect();
            prop_assert_eq!(&taken, &expected);
            prop_assert_eq!(result.is_err(), fail_at.is_some_and(|f| f < jobs));
        }
    }

    #[test]
    fn a_panic_while_making_reaches_the_caller() {
        let outcome = std::panic::catch_unwind(|| {
            run(2, |_: &mut u8| panic!("made badly"), |_| {}, |_| Ok(()))
        });
        assert!(outcome.is_err());
    }

    #[test]
    fn a_panic_while_working_reaches_the_caller() {
        let outcome = std::panic::catch_unwind(|| {
            let mut n = 0;
            run(
                2,
                |_: &mut u8| {
                    n += 1;
                    n < 50
                },
                |_| panic!("worked badly"),
                |_| Ok(()),
            )
        });
        assert!(outcome.is_err());
    }
}

//! Following an async task to its end: when to ask again, and when to stop. The shell only
//! waits and sends; every decision (the next wait, a terminal state, giving up) is here.

use crate::answer::response::TaskState;

/// The waits between polls, in milliseconds: quick at first (most image tasks finish in
/// seconds), then slower, never more often than the gateway's own task poller would need.
const BACKOFF_MS: [u64; 6] = [1_000, 2_000, 3_000, 5_000, 8_000, 10_000];

/// Longest a task is followed before the playground stops asking, in milliseconds (video
/// tasks are documented to take minutes).
pub const FOLLOW_LIMIT_MS: u64 = 20 * 60 * 1_000;

/// What to do after a poll.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextPoll {
    /// Ask again after this many milliseconds.
    After(u64),
    /// The task ended (succeeded or failed): stop.
    Finished(TaskState),
    /// The answer was not a task status (an error, an unknown word): stop and let the
    /// diagnosis speak.
    NotAStatus,
    /// Followed for [`FOLLOW_LIMIT_MS`] without an end: stop asking.
    GaveUp,
}

/// The next step after poll number `attempt` (0-based) answered `state`, `elapsed_ms` after
/// following began; `retry_after_secs` is the server's own advice when it was readable.
pub fn next_poll(attempt: usize, state: Option<TaskState>, elapsed_ms: u64, retry_after_secs: Option<u32>) -> NextPoll {
    match state {
        None => NextPoll::NotAStatus,
        Some(done) if done.is_terminal() => NextPoll::Finished(done),
        Some(_) if elapsed_ms >= FOLLOW_LIMIT_MS => NextPoll::GaveUp,
        Some(_) => {
            let backoff = BACKOFF_MS[attempt.min(BACKOFF_MS.len() - 1)];
            let advised = retry_after_secs.map_or(0, |s| u64::from(s.min(600)) * 1_000);
            NextPoll::After(backoff.max(advised))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_then_level_off_and_follow_the_servers_advice() {
        let waits: Vec<NextPoll> = (0..8)
            .map(|a| next_poll(a, Some(TaskState::Running), 0, None))
            .collect();
        let ms: Vec<u64> = waits
            .iter()
            .map(|w| if let NextPoll::After(ms) = w { *ms } else { 0 })
            .collect();
        assert_eq!(ms, vec![1_000, 2_000, 3_000, 5_000, 8_000, 10_000, 10_000, 10_000]);
        assert_eq!(
            next_poll(0, Some(TaskState::Queued), 0, Some(7)),
            NextPoll::After(7_000)
        );
        assert_eq!(
            next_poll(5, Some(TaskState::Queued), 0, Some(1)),
            NextPoll::After(10_000)
        );
    }

    #[test]
    fn stops_at_an_end_an_unknown_answer_or_the_limit() {
        assert_eq!(
            next_poll(3, Some(TaskState::Succeeded), 0, None),
            NextPoll::Finished(TaskState::Succeeded)
        );
        assert_eq!(
            next_poll(3, Some(TaskState::Failed), 0, None),
            NextPoll::Finished(TaskState::Failed)
        );
        assert_eq!(next_poll(0, None, 0, None), NextPoll::NotAStatus);
        assert_eq!(
            next_poll(9, Some(TaskState::Running), FOLLOW_LIMIT_MS, None),
            NextPoll::GaveUp
        );
    }
}

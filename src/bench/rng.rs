//! A small seeded random source for the benchmark corpus: SplitMix64 (a
//! fixed, documented algorithm, so a seed gives the same corpus on every
//! machine and every build) plus the draws the generator needs, including a
//! Zipf-like rank draw.

/// SplitMix64: 64 bits of state, good statistical quality for this use, and
/// no dependency whose algorithm could change under us.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    /// A generator for a sub-stream (e.g. one article), independent of how
    /// many numbers the other sub-streams drew.
    pub fn fork(seed: u64, stream: u64) -> Rng {
        let mut r = Rng::new(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [0, n); 0 when n is 0.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform in [lo, hi] (inclusive).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let i = self.below(items.len() as u64) as usize;
        &items[i.min(items.len().saturating_sub(1))]
    }

    /// A rank in [0, n) with P(rank = r) roughly proportional to 1/(r+1):
    /// Zipf with exponent 1, drawn by inverting its continuous CDF
    /// (rank + 1 = (n + 1)^u), so a few ranks are very frequent and the
    /// rest form a long tail.
    pub fn zipf(&mut self, n: u64) -> u64 {
        if n <= 1 {
            return 0;
        }
        let r = ((n as f64 + 1.0).ln() * self.unit()).exp() as u64;
        r.saturating_sub(1).min(n - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_and_forks_differ() {
        let a: Vec<u64> = (0..5).map(|_| Rng::new(7).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut x = Rng::fork(7, 1);
        let mut y = Rng::fork(7, 2);
        assert_ne!(x.next_u64(), y.next_u64());
    }

    #[test]
    fn draws_stay_in_range() {
        let mut r = Rng::new(1);
        for _ in 0..10_000 {
            assert!(r.below(10) < 10);
            assert!((3..=5).contains(&r.range(3, 5)));
            assert!(r.zipf(1000) < 1000);
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
        }
    }

    #[test]
    fn zipf_head_is_heavy_and_tail_long() {
        let mut r = Rng::new(3);
        let n = 100_000;
        let draws: Vec<u64> = (0..n).map(|_| r.zipf(1_000_000)).collect();
        let top = draws.iter().filter(|&&d| d == 0).count();
        let tail = draws.iter().filter(|&&d| d >= 1000).count();
        // P(rank 0) = ln 2 / ln(1e6+1) ~ 5%; P(rank >= 1000) ~ 50%.
        assert!(top > n / 40 && top < n / 10, "top rank drawn {top} times");
        assert!(tail > n / 3 && tail < 2 * n / 3, "tail drawn {tail} times");
    }
}

//! The draws of the generated customers: a stream for each group of a customer's fields, keyed by
//! the seed and the customer's index, and the numbers (phones, handles) that lead back to it.

use super::data::Rng;

/// A hash of two words (SplitMix64's finaliser over their mix).
pub fn mix(a: u64, b: u64) -> u64 {
    Rng::new(a ^ b.rotate_left(29).wrapping_mul(0xD6E8_FEB8_6659_FD93)).next_u64()
}

/// The draws of one customer: a stream of its own for each group of fields, so that a filter
/// draws only the fields it reads, and customer `i` is made without those before it.
#[derive(Clone, Copy, Debug)]
pub struct Draws(u64);

/// The groups of fields, each drawn from its own stream.
#[derive(Clone, Copy)]
pub enum Stream {
    Id = 1,
    Jitter,
    Name,
    Phone,
    Email,
    Source,
    Tags,
    Rest,
}

impl Draws {
    /// The draws of the generated customer `i` of the seed's population.
    pub fn of(seed: u64, i: usize) -> Draws {
        Draws(mix(seed, i as u64))
    }

    /// The draws of a customer made later (arrivals), from the maker's own stream.
    pub fn from(rng: &mut Rng) -> Draws {
        Draws(rng.next_u64())
    }

    pub fn stream(self, which: Stream) -> Rng {
        Rng::new(mix(self.0, which as u64))
    }
}

/// `i -> (a * i + b) mod m`: a bijection of `0..m` that looks random, so that a customer's phone
/// number or handle is unique and leads back to it (batch_create finds the customer a phone names
/// without an index of ten million phones).
#[derive(Clone, Copy, Debug)]
pub struct Affine {
    m: u64,
    a: u64,
    b: u64,
    a_inverse: u64,
}

impl Affine {
    fn new(key: u64, m: u64) -> Affine {
        let mut a = mix(key, 1) % m;
        while gcd(a, m) != 1 {
            a += 1;
        }
        Affine {
            m,
            a,
            b: mix(key, 2) % m,
            a_inverse: inverse(a, m),
        }
    }

    /// The value of serial `i` (`i < m`).
    pub fn at(&self, i: u64) -> u64 {
        ((self.a as u128 * (i % self.m) as u128 + self.b as u128) % self.m as u128) as u64
    }

    /// The serial whose value is `v` (`v < m`).
    pub fn serial(&self, v: u64) -> u64 {
        let shifted = (v % self.m + self.m - self.b) % self.m;
        ((self.a_inverse as u128 * shifted as u128) % self.m as u128) as u64
    }
}

fn gcd(a: u64, b: u64) -> u64 {
    match b {
        0 => a,
        _ => gcd(b, a % b),
    }
}

/// `a`'s inverse modulo `m` (they are coprime).
fn inverse(a: u64, m: u64) -> u64 {
    let (mut old_r, mut r) = (a as i128, m as i128);
    let (mut old_s, mut s) = (1i128, 0i128);
    while r != 0 {
        let q = old_r / r;
        (old_r, r) = (r, old_r - q * r);
        (old_s, s) = (s, old_s - q * s);
    }
    old_s.rem_euclid(m as i128) as u64
}

/// The phone numbers (10 digits after the country code) and messenger and instagram handles
/// (15 digits) of a seed's customers, by serial: unique, and each leads back to its customer.
#[derive(Clone, Copy, Debug)]
pub struct Numbers {
    pub phone: Affine,
    pub messenger: Affine,
    pub instagram: Affine,
}

pub const PHONE_FROM: u64 = 1_000_000_000;
pub const HANDLE_FROM: u64 = 100_000_000_000_000;

impl Numbers {
    pub fn new(seed: u64) -> Numbers {
        let key = mix(seed, 0x0094_07E5);
        Numbers {
            phone: Affine::new(mix(key, 1), 9 * PHONE_FROM),
            messenger: Affine::new(mix(key, 2), 9 * HANDLE_FROM),
            instagram: Affine::new(mix(key, 3), 9 * HANDLE_FROM),
        }
    }
}

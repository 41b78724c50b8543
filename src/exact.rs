//! Exact decimal arithmetic: the crate's one precision policy.
//!
//! `Decimal` holds a 96-bit mantissa and a scale of at most 28, and its own
//! operators round silently when an exact result needs more (an addition of
//! `1e26` and `0.001`, a product of two 28-decimal numbers, any quotient
//! that does not terminate). This crate never uses those operators where a
//! digit could be lost. The policy, applied by every operation:
//!
//! - **Sums keep every digit.** [`add`] returns the exact sum when it fits
//!   in a `Decimal` and nothing otherwise; [`checked_add`] turns that into
//!   [`ErrorKind::Overflow`](crate::error::ErrorKind::Overflow) (for `Money`, a point that cannot be an interval).
//!   Running sums ([`Accumulator`], the totals table) add in `Decimal`
//!   while the exact sum fits and move to a wide integer (at the largest
//!   scale seen) when it does not, so an intermediate sum never rounds and
//!   never overflows, and a sum never depends on the order of its terms
//!   (`MAX + 1 − 1` is `MAX`, whatever the order). Only the final sum is
//!   checked: if it fits it is exact; if only its last digits do not fit
//!   (`1e26 + 1e-28`), a figure sum is "between" the nearest decimals below
//!   and above it, never a rounded point; if its integer part does not
//!   fit, it is an error. Bounds of intervals may round outward the same
//!   way ([`add_outward`]).
//! - **Conversion never rounds a bound inward.** A converted amount is the
//!   quotient `x × rate_to ÷ rate_from` from the exact product ([`mul_div`]):
//!   a lower bound takes the neighbour below, an upper bound the one above,
//!   and an exact amount whose quotient does not terminate is the
//!   neighbour whose last digit is odd ([`to_odd`]), which rounds to the
//!   minor unit as the exact quotient does. A sum of converted parts is
//!   rounded once, half to even, at its last digit when it does not fit
//!   ([`Accumulator::nearest`]).
//! - **Products and quotients are points only when exact.** [`mul`],
//!   [`div`] and [`mul_div`] compute with integers wide enough to hold the
//!   exact result and return a pair `(low, high)`: equal when the result is
//!   exact and fits, otherwise the nearest `Decimal`s below and above it at
//!   the finest scale that fits (low rounded toward −∞, high toward +∞).
//!   Callers that need a point (a qualifier that keeps its form) take the
//!   pair apart by the direction each end may move.
//! - **Rounding for display rounds bounds outward** (lower ends toward −∞,
//!   upper ends toward +∞); only an exact value rounds half to even.
//!
//! Nothing here trusts `Decimal`'s own rounding: exactness is decided on
//! the mantissas, with integer arithmetic.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::Error;
use crate::error::{ErrorKind, Operation};

fn overflow(operation: Operation) -> Error {
    ErrorKind::Overflow { operation }.into()
}

/// Limbs of a [`Nat`]: 512 bits, enough for a product of two mantissas
/// (192 bits) times 10^56 (187 bits) and for sums of 2^64 terms at scale 28.
const LIMBS: usize = 8;

/// An unsigned integer of 512 bits (little-endian limbs). Operations that
/// would overflow report it; they never wrap silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Nat([u64; LIMBS]);

impl Nat {
    pub(crate) fn from_u128(x: u128) -> Nat {
        let mut n = [0u64; LIMBS];
        n[0] = x as u64;
        n[1] = (x >> 64) as u64;
        Nat(n)
    }

    fn is_zero(&self) -> bool {
        self.0.iter().all(|l| *l == 0)
    }

    /// The value when it is below 2^96 (a `Decimal` mantissa).
    fn to_mantissa(self) -> Option<u128> {
        if self.0[2..].iter().any(|l| *l != 0) || self.0[1] >> 32 != 0 {
            return None;
        }
        Some(u128::from(self.0[0]) | (u128::from(self.0[1]) << 64))
    }

    /// `self × k`; `None` on overflow.
    fn mul_small(self, k: u64) -> Option<Nat> {
        let mut out = [0u64; LIMBS];
        let mut carry = 0u128;
        for (o, l) in out.iter_mut().zip(self.0) {
            let t = u128::from(l) * u128::from(k) + carry;
            *o = t as u64;
            carry = t >> 64;
        }
        (carry == 0).then_some(Nat(out))
    }

    /// `self × k` for a 128-bit `k`.
    fn mul_u128(self, k: u128) -> Option<Nat> {
        let low = self.mul_small(k as u64)?;
        let high = self.mul_small((k >> 64) as u64)?;
        if high.0[LIMBS - 1] != 0 {
            return None;
        }
        let mut shifted = [0u64; LIMBS];
        shifted[1..].copy_from_slice(&high.0[..LIMBS - 1]);
        low.add(&Nat(shifted))
    }

    /// `self × 10^p`.
    fn mul_pow10(self, mut p: u32) -> Option<Nat> {
        let mut n = self;
        while p > 0 {
            let step = p.min(19);
            n = n.mul_small(10u64.pow(step))?;
            p -= step;
        }
        Some(n)
    }

    fn add(&self, other: &Nat) -> Option<Nat> {
        let mut out = [0u64; LIMBS];
        let mut carry = false;
        for (o, (a, b)) in out.iter_mut().zip(self.0.iter().zip(other.0)) {
            let (s, c1) = a.overflowing_add(b);
            let (s, c2) = s.overflowing_add(u64::from(carry));
            *o = s;
            carry = c1 || c2;
        }
        (!carry).then_some(Nat(out))
    }

    /// `self − other` for `self >= other`.
    fn sub(&self, other: &Nat) -> Nat {
        let mut out = [0u64; LIMBS];
        let mut borrow = false;
        for (o, (a, b)) in out.iter_mut().zip(self.0.iter().zip(other.0)) {
            let (d, b1) = a.overflowing_sub(b);
            let (d, b2) = d.overflowing_sub(u64::from(borrow));
            *o = d;
            borrow = b1 || b2;
        }
        debug_assert!(!borrow);
        Nat(out)
    }

    fn cmp(&self, other: &Nat) -> Ordering {
        self.0.iter().rev().cmp(other.0.iter().rev())
    }

    /// The number of significant bits.
    fn bits(&self) -> usize {
        match self.0.iter().rposition(|l| *l != 0) {
            Some(i) => i * 64 + 64 - self.0[i].leading_zeros() as usize,
            None => 0,
        }
    }

    /// `(self / k, self % k)`.
    fn divrem_small(self, k: u64) -> (Nat, u64) {
        let mut out = [0u64; LIMBS];
        let mut rem = 0u128;
        let top = self.0.iter().rposition(|l| *l != 0).unwrap_or(0);
        for i in (0..=top).rev() {
            let cur = (rem << 64) | u128::from(self.0[i]);
            out[i] = (cur / u128::from(k)) as u64;
            rem = cur % u128::from(k);
        }
        (Nat(out), rem as u64)
    }

    fn bit(&self, i: usize) -> bool {
        self.0[i / 64] >> (i % 64) & 1 == 1
    }

    fn shl1_or(&mut self, bit: bool) {
        for i in (1..LIMBS).rev() {
            self.0[i] = (self.0[i] << 1) | (self.0[i - 1] >> 63);
        }
        self.0[0] = (self.0[0] << 1) | u64::from(bit);
    }

    /// `(self / d, self % d)` for `d > 0`, by shifting and subtracting
    /// (by limbs when `d` has one, as a rate's denominator nearly always
    /// does).
    fn divrem(&self, d: &Nat) -> (Nat, Nat) {
        if d.0[1..].iter().all(|l| *l == 0) {
            let (q, r) = self.divrem_small(d.0[0]);
            return (q, Nat::from_u128(u128::from(r)));
        }
        let mut q = Nat::default();
        let mut r = Nat::default();
        let top = (0..LIMBS * 64).rev().find(|i| self.bit(*i));
        let Some(top) = top else {
            return (q, r);
        };
        for i in (0..=top).rev() {
            // r < d < 2^511 here, so the shift cannot lose a bit.
            r.shl1_or(self.bit(i));
            if r.cmp(d) != Ordering::Less {
                r = r.sub(d);
                q.0[i / 64] |= 1 << (i % 64);
            }
        }
        (q, r)
    }
}

/// Sign, magnitude of the mantissa and scale of a decimal.
fn parts(x: Decimal) -> (bool, u128, u32) {
    (
        x.is_sign_negative() && !x.is_zero(),
        x.mantissa().unsigned_abs(),
        x.scale(),
    )
}

fn decimal(negative: bool, mantissa: u128, scale: u32) -> Option<Decimal> {
    let m = i128::try_from(mantissa).ok()?;
    Decimal::try_from_i128_with_scale(if negative { -m } else { m }, scale).ok()
}

/// The exact quotient `±n / d` (`d > 0`) as `(low, high)`: one point when
/// it is exact and fits in a `Decimal` (at the smallest scale from
/// `min_scale` up at which it is exact), else the nearest decimals below
/// and above it at the finest scale (at most 28) at which both fit.
fn quotient(
    negative: bool,
    n: Nat,
    d: Nat,
    min_scale: u32,
    operation: Operation,
) -> Result<(Decimal, Decimal), Error> {
    // Start at the finest scale that may fit, not at 28 and then drop
    // digits: with n ≥ 2^(bn−1) and d < 2^bd, n·10^s ÷ d ≥ 2^96 once
    // s·log2(10) ≥ 97 + bd − bn, so no finer scale can fit (3.321 is
    // below log2(10), which makes the bound safe).
    let need = (97 + d.bits()).saturating_sub(n.bits());
    let mut scale = u32::try_from(need * 1000 / 3321 + 1).map_or(28, |s| s.min(28));
    let (mut q, mut inexact) = match scaled_div_narrow(n, d, scale) {
        Some((q, inexact)) => (Nat::from_u128(q), inexact),
        None => {
            let scaled = n.mul_pow10(scale).ok_or_else(|| overflow(operation))?;
            let (q, r) = scaled.divrem(&d);
            (q, !r.is_zero())
        }
    };
    // An exact quotient drops trailing zeros down to `min_scale`.
    if !inexact {
        // Many digits at a time, then fewer.
        for k in [16u32, 8, 4, 2, 1] {
            while scale >= min_scale.min(28) + k {
                let (q10, rem) = q.divrem_small(10u64.pow(k));
                if rem != 0 {
                    break;
                }
                q = q10;
                scale -= k;
            }
        }
    }
    loop {
        let high = if inexact {
            q.add(&Nat::from_u128(1))
                .ok_or_else(|| overflow(operation))?
        } else {
            q
        };
        if let (Some(lo), Some(hi)) = (q.to_mantissa(), high.to_mantissa()) {
            let (a, b) = (
                decimal(negative, lo, scale).ok_or_else(|| overflow(operation))?,
                decimal(negative, hi, scale).ok_or_else(|| overflow(operation))?,
            );
            return Ok(if negative { (b, a) } else { (a, b) });
        }
        if scale == 0 {
            return Err(overflow(operation));
        }
        // Digits that must go whatever follows: with q ≥ 2^(b−1) and
        // 10^k ≤ 2^(b−97), q ÷ 10^k is still at least 2^96, too wide.
        let must = (q.bits().saturating_sub(97) * 30_102 / 100_000) as u32;
        let k = must.clamp(1, 19).min(scale);
        let (q10, rem) = q.divrem_small(10u64.pow(k));
        inexact |= rem != 0;
        q = q10;
        scale -= k;
    }
}

/// `floor(n × 10^scale ÷ d)` and whether it leaves a remainder, in
/// 128-bit arithmetic, for the common case (a conversion of an amount by
/// a rate) where `n` has at most 128 bits, `d` at most 64 and the quotient
/// at most 128; `None` otherwise. It takes up to 19 decimals at a time:
/// the remainder stays below `d`, so `r × 10^19` fits.
fn scaled_div_narrow(n: Nat, d: Nat, scale: u32) -> Option<(u128, bool)> {
    if n.0[2..].iter().any(|l| *l != 0) || d.0[1..].iter().any(|l| *l != 0) {
        return None;
    }
    let n = u128::from(n.0[0]) | (u128::from(n.0[1]) << 64);
    let d = u128::from(d.0[0]);
    let (mut q, mut r) = (n / d, n % d);
    let mut left = scale;
    while left > 0 {
        let k = left.min(19);
        let p = u128::from(10u64.pow(k));
        let t = r * p;
        q = q.checked_mul(p)?.checked_add(t / d)?;
        r = t % d;
        left -= k;
    }
    Some((q, r != 0))
}

/// `a × b` as `(low, high)`: a point when the product is exact and fits.
///
/// # Errors
///
/// [`ErrorKind::Overflow`] when even the integer part does not fit.
pub(crate) fn mul(
    a: Decimal,
    b: Decimal,
    operation: Operation,
) -> Result<(Decimal, Decimal), Error> {
    let (na, ma, sa) = parts(a);
    let (nb, mb, sb) = parts(b);
    let scale = sa + sb;
    if scale <= 28 {
        if let Some(m) = ma.checked_mul(mb) {
            if let Some(x) = decimal(na != nb, m, scale) {
                return Ok((x, x));
            }
        }
    }
    let n = Nat::from_u128(ma)
        .mul_u128(mb)
        .ok_or_else(|| overflow(operation))?;
    let d = Nat::from_u128(1)
        .mul_pow10(scale)
        .ok_or_else(|| overflow(operation))?;
    quotient(na != nb, n, d, scale.min(28), operation)
}

/// `n ÷ d` as `(low, high)`: a point when the quotient is exact and fits.
///
/// # Errors
///
/// [`ErrorKind::Overflow`] for a zero divisor or when even the integer part of
/// the quotient does not fit.
pub(crate) fn div(
    n: Decimal,
    d: Decimal,
    operation: Operation,
) -> Result<(Decimal, Decimal), Error> {
    mul_div(n, Decimal::ONE, d, operation)
}

/// `x × m ÷ d` with no rounding in between, as `(low, high)`: a point when
/// the result is exact and fits. An exact result keeps at least `x`'s scale.
///
/// # Errors
///
/// [`ErrorKind::Overflow`] for a zero divisor or when even the integer part of
/// the result does not fit.
pub(crate) fn mul_div(
    x: Decimal,
    m: Decimal,
    d: Decimal,
    operation: Operation,
) -> Result<(Decimal, Decimal), Error> {
    if d.is_zero() {
        return Err(overflow(operation));
    }
    let (nx, mx, sx) = parts(x);
    let (nm, mm, sm) = parts(m);
    let (nd, md, sd) = parts(d);
    // x·m/d = (mx·mm·10^sd) / (md·10^(sx+sm)), in 128 bits when they fit.
    let wide = |a: u128, b: u128, p: u32| match a
        .checked_mul(b)
        .and_then(|ab| ab.checked_mul(10u128.checked_pow(p)?))
    {
        Some(x) => Some(Nat::from_u128(x)),
        None => Nat::from_u128(a).mul_u128(b)?.mul_pow10(p),
    };
    let n = wide(mx, mm, sd).ok_or_else(|| overflow(operation))?;
    let den = wide(md, 1, sx + sm).ok_or_else(|| overflow(operation))?;
    quotient(nx ^ nm ^ nd, n, den, sx, operation)
}

/// A quotient `(low, high)` as [`mul_div`] gives it, as one number: the
/// quotient itself when it is exact, else the one of its two neighbours
/// (one unit of their last digit apart) whose last digit is odd, the
/// quotient rounded to odd. Rounded once more, half to even, to at least
/// two decimals fewer, that neighbour rounds as the exact quotient does,
/// since no rounding tie then lies strictly between the two. `None` when
/// the neighbours have fewer than `min_scale` decimals.
pub(crate) fn to_odd((low, high): (Decimal, Decimal), min_scale: u32) -> Option<Decimal> {
    if low == high {
        Some(low)
    } else if low.scale() < min_scale {
        None
    } else {
        Some(if low.mantissa() % 2 != 0 { low } else { high })
    }
}

/// The exact sum `a + b` when it fits in a `Decimal` at the larger of the
/// two scales; `None` otherwise. Never rounds.
#[inline]
pub(crate) fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (sa, sb) = (a.scale(), b.scale());
    let (ma, mb) = (a.mantissa(), b.mantissa());
    let (m, s) = match sa.cmp(&sb) {
        Ordering::Equal => (ma.checked_add(mb)?, sa),
        Ordering::Greater => (ma.checked_add(mb.checked_mul(pow10(sa - sb)?)?)?, sa),
        Ordering::Less => (mb.checked_add(ma.checked_mul(pow10(sb - sa)?)?)?, sb),
    };
    Decimal::try_from_i128_with_scale(m, s).ok()
}

fn pow10(p: u32) -> Option<i128> {
    10i128.checked_pow(p)
}

/// The exact sum `a + b`, at a smaller scale if its trailing zeros allow.
///
/// # Errors
///
/// [`ErrorKind::Overflow`] (naming `operation`) when the exact sum does not fit.
pub(crate) fn checked_add(a: Decimal, b: Decimal, operation: Operation) -> Result<Decimal, Error> {
    if let Some(s) = add(a, b) {
        return Ok(s);
    }
    let mut acc = Accumulator::default();
    acc.add(a).ok_or_else(|| overflow(operation))?;
    acc.add(b).ok_or_else(|| overflow(operation))?;
    acc.value().ok_or_else(|| overflow(operation))
}

/// The exact difference `a − b`.
///
/// # Errors
///
/// [`ErrorKind::Overflow`] (naming `operation`) when it does not fit.
pub(crate) fn checked_sub(a: Decimal, b: Decimal, operation: Operation) -> Result<Decimal, Error> {
    checked_add(a, -b, operation)
}

/// An exact running sum of decimals, however large it grows in between.
///
/// The sum stays a `Decimal` while it fits exactly; when a term does not
/// fit, the sum so far moves into a wide integer at the largest scale seen
/// and the `Decimal` starts again from the term. [`Accumulator::value`]
/// joins the two. The result depends only on the terms, never on their
/// order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Accumulator {
    near: Decimal,
    far: Option<Wide>,
}

/// A signed wide integer `±mag × 10^-scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Wide {
    negative: bool,
    mag: Nat,
    scale: u32,
}

impl Wide {
    fn of(x: Decimal) -> Wide {
        let (negative, m, scale) = parts(x);
        Wide {
            negative,
            mag: Nat::from_u128(m),
            scale,
        }
    }

    fn rescaled(self, scale: u32) -> Option<Wide> {
        Some(Wide {
            mag: self.mag.mul_pow10(scale - self.scale)?,
            scale,
            ..self
        })
    }

    /// The decimal `x`, exactly.
    pub(crate) fn of_decimal(x: Decimal) -> Wide {
        Wide::of(x)
    }

    /// `self + other`; `None` only past 2^512.
    pub(crate) fn add(self, other: Wide) -> Option<Wide> {
        let scale = self.scale.max(other.scale);
        let (a, b) = (self.rescaled(scale)?, other.rescaled(scale)?);
        if a.negative == b.negative {
            return Some(Wide {
                mag: a.mag.add(&b.mag)?,
                ..a
            });
        }
        Some(match a.mag.cmp(&b.mag) {
            Ordering::Less => Wide {
                mag: b.mag.sub(&a.mag),
                ..b
            },
            _ => Wide {
                mag: a.mag.sub(&b.mag),
                ..a
            },
        })
    }

    /// The value as a `Decimal` (trailing zeros dropped as needed); `None`
    /// when it does not fit exactly.
    pub(crate) fn value(self) -> Option<Decimal> {
        let (mut mag, mut scale) = (self.mag, self.scale);
        loop {
            if let Some(m) = mag.to_mantissa() {
                return decimal(self.negative, m, scale);
            }
            let (q, r) = mag.divrem_small(10);
            if scale == 0 || r != 0 {
                return None;
            }
            mag = q;
            scale -= 1;
        }
    }
}

impl Wide {
    /// The value as `(low, high)`: a point when it fits exactly, else the
    /// nearest decimals below and above.
    pub(crate) fn bounds(self, operation: Operation) -> Result<(Decimal, Decimal), Error> {
        let d = Nat::from_u128(1)
            .mul_pow10(self.scale)
            .ok_or_else(|| overflow(operation))?;
        quotient(self.negative, self.mag, d, self.scale, operation)
    }
}

/// `a + b` as `(low, high)`: a point when the exact sum fits, else the
/// nearest decimals below and above it (for the bounds of an interval,
/// which may round outward; exact values use [`checked_add`]).
///
/// # Errors
///
/// [`ErrorKind::Overflow`] when even the integer part does not fit.
pub(crate) fn add_outward(
    a: Decimal,
    b: Decimal,
    operation: Operation,
) -> Result<(Decimal, Decimal), Error> {
    match add(a, b) {
        Some(s) => Ok((s, s)),
        None => Wide::of(a)
            .add(Wide::of(b))
            .ok_or_else(|| overflow(operation))?
            .bounds(operation),
    }
}

impl Accumulator {
    /// Adds a term; `None` only past 2^512 (never for fewer than 2^64
    /// terms).
    #[inline]
    pub(crate) fn add(&mut self, x: Decimal) -> Option<()> {
        match add(self.near, x) {
            Some(s) => self.near = s,
            None => self.spill(x)?,
        }
        Some(())
    }

    #[cold]
    fn spill(&mut self, x: Decimal) -> Option<()> {
        let far = self.far.unwrap_or_default().add(Wide::of(self.near))?;
        self.far = Some(far.add(Wide::of(x))?);
        self.near = Decimal::ZERO;
        Some(())
    }

    /// Adds another sum's terms.
    pub(crate) fn merge(&mut self, other: &Accumulator) -> Option<()> {
        self.add(other.near)?;
        if let Some(far) = other.far {
            self.far = Some(self.far.unwrap_or_default().add(far)?);
        }
        Some(())
    }

    /// The sum as `(low, high)`: a point when it fits exactly, else the
    /// nearest decimals below and above it.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] when even its integer part does not fit.
    pub(crate) fn bounds(&self, operation: Operation) -> Result<(Decimal, Decimal), Error> {
        match self.far {
            None => Ok((self.near, self.near)),
            Some(far) => far
                .add(Wide::of(self.near))
                .ok_or_else(|| overflow(operation))?
                .bounds(operation),
        }
    }

    /// The exact sum; `None` when it does not fit in a `Decimal`.
    pub(crate) fn value(&self) -> Option<Decimal> {
        match self.far {
            None => Some(self.near),
            Some(far) => far.add(Wide::of(self.near))?.value(),
        }
    }

    /// A sum kept in two parts: a `Decimal` and, when it spilled, a wide
    /// part (the totals table keeps these apart).
    pub(crate) fn of_parts(near: Decimal, far: Option<Wide>) -> Accumulator {
        Accumulator { near, far }
    }
}

/// `|x| × 10^scale` as an integer, when `x` has at most `scale` decimals
/// and the product fits in a `u128`; `None` otherwise. Exact.
pub(crate) fn units(x: Decimal, scale: u32) -> Option<u128> {
    let m = x.mantissa().unsigned_abs();
    let s = x.scale();
    if s > scale {
        return None;
    }
    m.checked_mul(10u128.checked_pow(scale - s)?)
}

/// Rounds `x` to `dp` decimals toward −∞ (`up` false) or +∞ (`up` true).
/// Never overflows: `Decimal::MAX` is a whole number.
pub(crate) fn round_dir(x: Decimal, dp: u32, up: bool) -> Decimal {
    x.round_dp_with_strategy(
        dp,
        if up {
            rust_decimal::RoundingStrategy::ToPositiveInfinity
        } else {
            rust_decimal::RoundingStrategy::ToNegativeInfinity
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    proptest::proptest! {
        /// An inexact quotient's neighbours are one unit apart at the
        /// finest scale that holds them: one decimal more and the upper
        /// neighbour, `floor(n·10^(s+1) ÷ d) + 1`, needs 96 bits or more.
        #[test]
        fn inexact_quotients_are_at_the_finest_scale(
            // Small values too, for the 128-bit shortcut.
            n in proptest::prop_oneof![1u128..(1 << 40), 1u128..(1 << 96)],
            d in proptest::prop_oneof![1u128..(1 << 20), 1u128..(1 << 96)],
            pn in proptest::prop_oneof![0u32..=4, 0u32..=28],
            pd in proptest::prop_oneof![0u32..=4, 0u32..=28],
        ) {
            let (x, y) = (Decimal::from_i128_with_scale(n as i128, pn),
                          Decimal::from_i128_with_scale(d as i128, pd));
            // x ÷ y = n·10^pd ÷ (d·10^pn).
            let num = Nat::from_u128(n).mul_pow10(pd).unwrap();
            let den = Nat::from_u128(d).mul_pow10(pn).unwrap();
            let Ok((lo, hi)) = div(x, y, Operation::Division) else {
                // Only when the integer part does not fit.
                let q = num.divrem(&den).0;
                proptest::prop_assert!(q.to_mantissa().is_none());
                return Ok(());
            };
            if lo == hi {
                return Ok(());
            }
            let s = lo.scale();
            proptest::prop_assert_eq!(hi.scale(), s);
            proptest::prop_assert_eq!(hi.mantissa() - lo.mantissa(), 1);
            // lo < x ÷ y < hi at scale s.
            let q = num.mul_pow10(s).unwrap().divrem(&den);
            proptest::prop_assert!(!q.1.is_zero());
            proptest::prop_assert_eq!(q.0.to_mantissa(), Some(lo.mantissa() as u128));
            if s < 28 {
                let finer = num.mul_pow10(s + 1).unwrap().divrem(&den).0;
                let upper = finer.add(&Nat::from_u128(1)).unwrap();
                proptest::prop_assert!(upper.to_mantissa().is_none());
            }
        }
    }

    #[test]
    fn quotients_are_points_only_when_exact() {
        assert_eq!(
            div(dec!(1), dec!(4), Operation::Division).unwrap(),
            (dec!(0.25), dec!(0.25))
        );
        let (lo, hi) = div(dec!(10), dec!(3), Operation::Division).unwrap();
        assert!(lo < hi);
        assert_eq!(lo, dec!(3.3333333333333333333333333333));
        assert_eq!(hi, dec!(3.3333333333333333333333333334));
        let (lo, hi) = mul_div(dec!(10), dec!(2), dec!(3), Operation::Division).unwrap();
        assert_eq!(
            (lo, hi),
            (
                dec!(6.6666666666666666666666666666),
                dec!(6.6666666666666666666666666667)
            )
        );
        let (lo, hi) = div(dec!(-1), dec!(3), Operation::Division).unwrap();
        assert!(lo < hi && hi < Decimal::ZERO);
        assert!(div(dec!(1), Decimal::ZERO, Operation::Division).is_err());
        assert!(div(Decimal::MAX, dec!(0.5), Operation::Division).is_err());
        // Exact quotients keep the dividend's scale.
        assert_eq!(
            div(dec!(6.00), dec!(3), Operation::Division)
                .unwrap()
                .0
                .to_string(),
            "2.00"
        );
    }

    #[test]
    fn products_of_long_decimals_are_bracketed() {
        let x = dec!(1.0000000000000000000000000001);
        let (lo, hi) = mul(x, x, Operation::Multiplication).unwrap();
        assert_eq!(lo, dec!(1.0000000000000000000000000002));
        assert_eq!(hi, dec!(1.0000000000000000000000000003));
        assert_eq!(
            mul(dec!(1.5), dec!(2), Operation::Multiplication).unwrap(),
            (dec!(3.0), dec!(3.0))
        );
    }

    #[test]
    fn sums_do_not_depend_on_the_order() {
        let one = Decimal::ONE;
        let mut a = Accumulator::default();
        for x in [Decimal::MAX, one, -one] {
            a.add(x).unwrap();
        }
        let mut b = Accumulator::default();
        for x in [Decimal::MAX, -one, one] {
            b.add(x).unwrap();
        }
        assert_eq!(a.value(), Some(Decimal::MAX));
        assert_eq!(b.value(), Some(Decimal::MAX));
        let big = dec!(100000000000000000000000000);
        let mut c = Accumulator::default();
        c.add(big).unwrap();
        for _ in 0..10 {
            c.add(dec!(0.001)).unwrap();
        }
        let mut d = Accumulator::default();
        for _ in 0..10 {
            d.add(dec!(0.001)).unwrap();
        }
        d.add(big).unwrap();
        assert_eq!(c.value(), d.value());
        assert_eq!(c.value(), Some(dec!(100000000000000000000000000.01)));
        assert_eq!(add(big, dec!(0.001)), None);
        assert!(checked_add(Decimal::MAX, one, Operation::Addition).is_err());
    }
}

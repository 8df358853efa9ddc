//! GOST R 34.10 (2001/2012/2015, and Kazakhstan's GOST 34.310-2004) elliptic-curve signatures:
//! the curves the NCA uses, the point arithmetic (Jacobian coordinates, own field arithmetic on
//! 8×64-bit limbs: a pseudo-Mersenne reduction for the named curves' p = 2⁵¹² − 569 and
//! 2²⁵⁶ − 617, Montgomery for any other modulus; interleaved wNAF for s·G + r·Q, binary-GCD
//! inversion; not constant time, which verification does not need), and verification.
//!
//! Everything here is in the standard's own big-endian integers. The Kazakh byte order
//! (little-endian coordinates, r‖s little-endian, the digest read little-endian) is applied by
//! the callers in `anyqtama_eds::verify`, where the NCA's files prove it.

use crypto_bigint::{Encoding, NonZero, U512};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// An element of GF(m), eight 64-bit limbs, little-endian: the plain residue (below m) for a
/// pseudo-Mersenne m, its Montgomery form (R = 2⁵¹²) otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fe([u64; 8]);

impl Fe {
    /// Whether all limbs are zero (without the derived `==`, which calls memcmp).
    #[inline]
    fn is_zero(&self) -> bool {
        self.0.iter().fold(0, |acc, &l| acc | l) == 0
    }
}

/// Whether x is 1.
#[inline]
fn is_one(x: &[u64; 8]) -> bool {
    x[1..].iter().fold(x[0] ^ 1, |acc, &l| acc | l) == 0
}

/// Arithmetic modulo an odd m < 2⁵¹² (variable time, which verification allows).
#[derive(Clone, Debug)]
struct Field {
    m: [u64; 8],
    /// −m⁻¹ mod 2⁶⁴ (Montgomery reduction; division by powers of two in the inversion).
    neg_inv: u64,
    reduction: Reduction,
    one: Fe,
    modulus: U512,
}

/// How a product is brought back below m.
#[derive(Clone, Debug)]
enum Reduction {
    /// m = 2^(64·limbs) − c with c < 2³¹ (the named curves' p: 2⁵¹² − 569, 2²⁵⁶ − 617): the
    /// product's high half is folded onto its low half times c. Elements are plain residues.
    PseudoMersenne { c: u64, limbs: usize },
    /// Any other odd m (the group orders, the standard's example curves): CIOS Montgomery.
    Montgomery {
        /// R² mod m: turns a plain residue into Montgomery form.
        r2: Fe,
        /// R³ mod m: turns the plain inverse of a Montgomery form back into Montgomery form.
        r3: Fe,
    },
}

fn limbs(v: &U512) -> [u64; 8] {
    let bytes = v.to_le_bytes();
    let mut out = [0u64; 8];
    for (i, chunk) in bytes.chunks(8).enumerate() {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        out[i] = u64::from_le_bytes(b);
    }
    out
}

fn from_limbs(l: &[u64; 8]) -> U512 {
    let mut bytes = [0u8; 64];
    for (i, w) in l.iter().enumerate() {
        bytes[i * 8..i * 8 + 8].copy_from_slice(&w.to_le_bytes());
    }
    U512::from_le_slice(&bytes)
}

#[inline]
fn geq(a: &[u64; 8], b: &[u64; 8]) -> bool {
    for i in (0..8).rev() {
        if a[i] != b[i] {
            return a[i] > b[i];
        }
    }
    true
}

#[inline]
fn sub_in_place(a: &mut [u64; 8], b: &[u64; 8]) -> bool {
    let mut borrow = false;
    for i in 0..8 {
        let (d, b1) = a[i].overflowing_sub(b[i]);
        let (d, b2) = d.overflowing_sub(borrow as u64);
        a[i] = d;
        borrow = b1 || b2;
    }
    borrow
}

#[inline]
fn add_in_place(a: &mut [u64; 8], b: &[u64; 8]) -> bool {
    let mut carry = false;
    for i in 0..8 {
        let (s, c1) = a[i].overflowing_add(b[i]);
        let (s, c2) = s.overflowing_add(carry as u64);
        a[i] = s;
        carry = c1 || c2;
    }
    carry
}

impl Field {
    fn new(modulus: &U512) -> Field {
        let m = limbs(modulus);
        match pseudo_mersenne(&m) {
            Some((c, limbs)) => Field {
                m,
                neg_inv: neg_inverse(m[0]),
                reduction: Reduction::PseudoMersenne { c, limbs },
                one: Fe([1, 0, 0, 0, 0, 0, 0, 0]),
                modulus: *modulus,
            },
            None => Field::montgomery(modulus),
        }
    }

    /// The Montgomery arithmetic modulo any odd m (the tests also run it on pseudo-Mersenne m).
    fn montgomery(modulus: &U512) -> Field {
        let m = limbs(modulus);
        let plain_one = Fe([1, 0, 0, 0, 0, 0, 0, 0]);
        let mut f = Field {
            m,
            neg_inv: neg_inverse(m[0]),
            reduction: Reduction::Montgomery { r2: plain_one, r3: plain_one },
            one: plain_one,
            modulus: *modulus,
        };
        // 2¹⁰²⁴ mod m by doubling 1.
        let mut r2 = plain_one;
        for _ in 0..1024 {
            r2 = f.add(&r2, &r2);
        }
        let r3 = f.mul(&r2, &r2);
        f.one = f.mul(&plain_one, &r2);
        f.reduction = Reduction::Montgomery { r2, r3 };
        f
    }

    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn mul(&self, a: &Fe, b: &Fe) -> Fe {
        match self.reduction {
            Reduction::PseudoMersenne { c, limbs: 8 } => {
                Fe(reduce_pm::<8>(&product::<8>(&a.0, &b.0), c, &self.m))
            }
            _ => self.mul_other(a, b),
        }
    }

    #[inline(never)]
    fn mul_other(&self, a: &Fe, b: &Fe) -> Fe {
        match self.reduction {
            Reduction::PseudoMersenne { c, .. } => Fe(reduce_pm::<4>(&product::<4>(&a.0, &b.0), c, &self.m)),
            Reduction::Montgomery { .. } => montgomery_mul(&a.0, &b.0, &self.m, self.neg_inv),
        }
    }

    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn square(&self, a: &Fe) -> Fe {
        match self.reduction {
            Reduction::PseudoMersenne { c, limbs: 8 } => Fe(reduce_pm::<8>(&square::<8>(&a.0), c, &self.m)),
            _ => self.square_other(a),
        }
    }

    #[inline(never)]
    fn square_other(&self, a: &Fe) -> Fe {
        match self.reduction {
            Reduction::PseudoMersenne { c, .. } => Fe(reduce_pm::<4>(&square::<4>(&a.0), c, &self.m)),
            Reduction::Montgomery { .. } => montgomery_mul(&a.0, &a.0, &self.m, self.neg_inv),
        }
    }

    /// Inlined natively (some 4 % of a verification), not in the wasm, where it would cost
    /// ~12 KB.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn add(&self, a: &Fe, b: &Fe) -> Fe {
        let mut r = a.0;
        let carry = add_in_place(&mut r, &b.0);
        if carry || geq(&r, &self.m) {
            sub_in_place(&mut r, &self.m);
        }
        Fe(r)
    }

    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn sub(&self, a: &Fe, b: &Fe) -> Fe {
        let mut r = a.0;
        if sub_in_place(&mut r, &b.0) {
            add_in_place(&mut r, &self.m);
        }
        Fe(r)
    }

    fn neg(&self, a: &Fe) -> Fe {
        self.sub(&Fe([0; 8]), a)
    }

    fn zero(&self) -> Fe {
        Fe([0; 8])
    }

    /// `v` (any value below 2⁵¹²) into the field's representation.
    fn to(&self, v: &U512) -> Fe {
        match &self.reduction {
            Reduction::PseudoMersenne { .. } if v < &self.modulus => Fe(limbs(v)),
            Reduction::PseudoMersenne { .. } => match NonZero::new(self.modulus).into() {
                Some(m) => Fe(limbs(&v.rem(&m))),
                None => self.zero(),
            },
            Reduction::Montgomery { r2, .. } => self.mul(&Fe(limbs(v)), r2),
        }
    }

    fn from(&self, a: &Fe) -> U512 {
        match &self.reduction {
            Reduction::PseudoMersenne { .. } => from_limbs(&a.0),
            Reduction::Montgomery { .. } => from_limbs(&self.mul(a, &Fe([1, 0, 0, 0, 0, 0, 0, 0])).0),
        }
    }

    /// a⁻¹ (m prime); `None` for 0. The binary extended Euclidean algorithm on the stored
    /// integer: the inverse itself for a plain residue; for a Montgomery form aR it gives
    /// a⁻¹R⁻¹, and one multiplication by R³ brings it back to a⁻¹R. Variable time, and some 30
    /// times faster than a^(m−2) by squarings.
    fn invert(&self, a: &Fe) -> Option<Fe> {
        if a.is_zero() {
            return None;
        }
        let m = &self.m;
        let one = [1u64, 0, 0, 0, 0, 0, 0, 0];
        let (mut u, mut v) = (a.0, *m);
        let (mut x1, mut x2) = (one, [0u64; 8]);
        // Invariants: x1·a ≡ u, x2·a ≡ v (mod m); u, v > 0; gcd(u, v) = 1 (m prime, a < m).
        while !is_one(&u) && !is_one(&v) {
            self.strip_twos(&mut u, &mut x1);
            self.strip_twos(&mut v, &mut x2);
            if geq(&u, &v) {
                sub_in_place(&mut u, &v);
                if sub_in_place(&mut x1, &x2) {
                    add_in_place(&mut x1, m);
                }
            } else {
                sub_in_place(&mut v, &u);
                if sub_in_place(&mut x2, &x1) {
                    add_in_place(&mut x2, m);
                }
            }
        }
        let plain = Fe(if is_one(&u) { x1 } else { x2 });
        match &self.reduction {
            Reduction::PseudoMersenne { .. } => Some(plain),
            Reduction::Montgomery { r3, .. } => Some(self.mul(&plain, r3)),
        }
    }

    /// u / 2^k and x·2^(−k) mod m for the 2^k that divides u (u > 0, x < m): all the factors two
    /// at once rather than bit by bit.
    fn strip_twos(&self, u: &mut [u64; 8], x: &mut [u64; 8]) {
        while u[0] == 0 {
            u.copy_within(1.., 0);
            u[7] = 0;
            self.divide_pow2(x, 32);
            self.divide_pow2(x, 32);
        }
        let k = u[0].trailing_zeros();
        if k > 0 {
            shr_bits(u, k, 0);
            self.divide_pow2(x, k);
        }
    }

    /// x·2^(−k) mod m for x < m and 0 < k < 64: x plus the multiple t·m (t < 2^k) that clears
    /// its low k bits, shifted right by k; below m since x + t·m < 2^k·m.
    fn divide_pow2(&self, x: &mut [u64; 8], k: u32) {
        let t = x[0].wrapping_mul(self.neg_inv) & ((1u64 << k) - 1);
        let mut carry = 0u128;
        for (xi, &mi) in x.iter_mut().zip(&self.m) {
            let s = *xi as u128 + t as u128 * mi as u128 + carry;
            *xi = s as u64;
            carry = s >> 64;
        }
        shr_bits(x, k, carry as u64);
    }
}

/// −m⁻¹ mod 2⁶⁴ for odd m₀ (Newton's iteration).
fn neg_inverse(m0: u64) -> u64 {
    let mut x = 1u64;
    for _ in 0..6 {
        x = x.wrapping_mul(2u64.wrapping_sub(m0.wrapping_mul(x)));
    }
    x.wrapping_neg()
}

/// x >> k for 0 < k < 64, with `top` shifted in above bit 511.
#[inline]
fn shr_bits(x: &mut [u64; 8], k: u32, top: u64) {
    for i in 0..7 {
        x[i] = (x[i] >> k) | (x[i + 1] << (64 - k));
    }
    x[7] = (x[7] >> k) | (top << (64 - k));
}

/// (c, limbs) when m = 2^(64·limbs) − c with limbs 4 or 8 and an odd c < 2³¹.
fn pseudo_mersenne(m: &[u64; 8]) -> Option<(u64, usize)> {
    let c = m[0].wrapping_neg();
    if c % 2 == 0 || c >= 1 << 31 {
        return None;
    }
    [4, 8]
        .into_iter()
        .find(|&n| m[1..n].iter().all(|&l| l == u64::MAX) && m[n..].iter().all(|&l| l == 0))
        .map(|n| (c, n))
}

/// The full product of the low N limbs of a and b (2N limbs), by operand scanning, its rows
/// written out (as a loop, LLVM keeps the rows' loop and the product is ~10 % slower).
#[inline(always)]
fn product<const N: usize>(a: &[u64; 8], b: &[u64; 8]) -> [u64; 16] {
    let mut t = [0u64; 16];
    macro_rules! rows {
        ($($i:literal)*) => {$(
            if $i < N {
                let mut carry = 0u128;
                for j in 0..N {
                    let s = t[$i + j] as u128 + a[j] as u128 * b[$i] as u128 + carry;
                    t[$i + j] = s as u64;
                    carry = s >> 64;
                }
                t[$i + N] = carry as u64;
            }
        )*};
    }
    rows!(0 1 2 3 4 5 6 7);
    t
}

/// a² of the low N limbs: the products above the diagonal once (rows written out as in
/// [`product`]), doubled, plus the squares.
#[inline(always)]
fn square<const N: usize>(a: &[u64; 8]) -> [u64; 16] {
    let mut t = [0u64; 16];
    for i in 0..N {
        let mut carry = 0u128;
        for j in i + 1..N {
            let s = t[i + j] as u128 + a[j] as u128 * a[i] as u128 + carry;
            t[i + j] = s as u64;
            carry = s >> 64;
        }
        t[i + N] = carry as u64;
    }
    // Doubled and the squares added in one pass.
    let (mut top, mut carry) = (0u64, 0u128);
    for i in 0..N {
        let sq = a[i] as u128 * a[i] as u128;
        let (lo, hi) = (t[2 * i], t[2 * i + 1]);
        let s = ((lo << 1) | top) as u128 + (sq as u64) as u128 + carry;
        t[2 * i] = s as u64;
        let s = ((hi << 1) | (lo >> 63)) as u128 + (sq >> 64) + (s >> 64);
        t[2 * i + 1] = s as u64;
        carry = s >> 64;
        top = hi >> 63;
    }
    t
}

/// t mod m for any t < 2^(128N) (the factors need not be below m), m = 2^(64N) − c:
/// t = h·2^(64N) + l ≡ l + h·c, twice, then one conditional subtraction.
#[inline(always)]
fn reduce_pm<const N: usize>(t: &[u64; 16], c: u64, m: &[u64; 8]) -> [u64; 8] {
    let mut r = [0u64; 8];
    let mut carry = 0u128;
    for i in 0..N {
        let s = t[i] as u128 + t[i + N] as u128 * c as u128 + carry;
        r[i] = s as u64;
        carry = s >> 64;
    }
    // The value is now r + carry·2^(64N) with carry ≤ c, so carry·c < 2⁶²: fold it once more.
    let s = r[0] as u128 + carry * c as u128;
    r[0] = s as u64;
    let mut k = (s >> 64) as u64;
    for l in r.iter_mut().take(N).skip(1) {
        if k == 0 {
            break;
        }
        (*l, k) = (l.wrapping_add(k), (*l == u64::MAX) as u64);
    }
    if k != 0 {
        // It wrapped past 2^(64N) (≡ c): the limbs above the lowest are all zero now and the
        // lowest is below c², so adding c cannot carry.
        r[0] += c;
    }
    if geq(&r, m) {
        sub_in_place(&mut r, m);
    }
    r
}

/// a·b·R⁻¹ mod m: CIOS with the product and the reduction of each word in one pass, so that
/// their two carry chains run side by side.
fn montgomery_mul(a: &[u64; 8], b: &[u64; 8], m: &[u64; 8], inv: u64) -> Fe {
    let mut t = [0u64; 9];
    for &bi in b.iter() {
        let s = t[0] as u128 + a[0] as u128 * bi as u128;
        let mut c1 = s >> 64;
        let t0 = s as u64;
        let k = t0.wrapping_mul(inv);
        let mut c2 = (t0 as u128 + k as u128 * m[0] as u128) >> 64;
        for j in 1..8 {
            let s = t[j] as u128 + a[j] as u128 * bi as u128 + c1;
            c1 = s >> 64;
            let s2 = (s as u64) as u128 + k as u128 * m[j] as u128 + c2;
            c2 = s2 >> 64;
            t[j - 1] = s2 as u64;
        }
        let s = t[8] as u128 + c1 + c2;
        t[7] = s as u64;
        t[8] = (s >> 64) as u64;
    }
    let mut r = [0u64; 8];
    r.copy_from_slice(&t[..8]);
    if t[8] != 0 || geq(&r, m) {
        sub_in_place(&mut r, m);
    }
    Fe(r)
}

/// The parameters of a curve y² = x³ + ax + b over GF(p), with a base point of prime order q.
#[derive(Debug)]
pub struct Curve {
    /// The curve's name, as in RFC 4357 / RFC 7836.
    pub name: &'static str,
    /// The length of a coordinate, of r and of s in bytes (32 or 64).
    pub size: usize,
    p: Field,
    q: U512,
    q_field: Field,
    a: Fe,
    b: Fe,
    /// a = −3: the faster doubling.
    a_minus_3: bool,
    gx: U512,
    gy: U512,
    /// The odd multiples G, 3G, …, (2^(G_WINDOW−1) − 1)·G in affine coordinates, made on first use.
    g_table: OnceLock<Vec<Option<Affine>>>,
    /// G's fixed-base table, made on the first verification with a key's table.
    g_fixed: OnceLock<Precomputed>,
    /// The keys of [`Curve::verify_cached`], most recently used first: a key seen once has no
    /// table yet (`None`); its second verification makes one.
    keys: Mutex<Vec<CachedKey>>,
}

type CachedKey = ((U512, U512), Option<Arc<Precomputed>>);

/// The wNAF window for the base point (its table is made once per curve: 32 points).
const G_WINDOW: u32 = 7;
/// The wNAF window for a public key (its table is made for each verification: 8 points).
const Q_WINDOW: u32 = 5;
/// A fixed-base table cuts the scalar into this many spans (64 bits each on a 512-bit curve).
const CHUNKS: u32 = 8;
/// How many public keys [`Curve::verify_cached`] remembers (a table is ~35 KB on tc26-512-A).
const KEY_CACHE: usize = 8;

/// Precomputed multiples of a point P, so that k·P needs few doublings: k is cut into
/// [`CHUNKS`] spans of `span` bits, and `rows[j]` holds the odd multiples (2i + 1)·2^(span·j)·P
/// (i < 2^(G_WINDOW − 2)) in affine coordinates. k·P is then the chunks' wNAFs interleaved over
/// `span` + 1 doublings instead of 512.
#[derive(Debug)]
struct Precomputed {
    span: u32,
    rows: Vec<Vec<Option<Affine>>>,
}

fn hex512(hex: &str) -> U512 {
    let mut padded = [b'0'; 128];
    padded[128 - hex.len()..].copy_from_slice(hex.as_bytes());
    U512::from_be_hex(core::str::from_utf8(&padded).unwrap_or_default())
}

static CRYPTOPRO_A: OnceLock<Curve> = OnceLock::new();
static TC26_256_A: OnceLock<Curve> = OnceLock::new();
static TC26_512_A: OnceLock<Curve> = OnceLock::new();

impl Curve {
    /// A curve from its hex parameters (big-endian). Used for the named curves and the
    /// standard's example curves in the tests.
    #[allow(clippy::too_many_arguments)]
    pub fn from_hex(
        name: &'static str,
        size: usize,
        p: &str,
        q: &str,
        a: &str,
        b: &str,
        x: &str,
        y: &str,
    ) -> Curve {
        let pm = hex512(p);
        let field = Field::new(&pm);
        let q = hex512(q);
        let a = hex512(a);
        Curve {
            name,
            size,
            a: field.to(&a),
            b: field.to(&hex512(b)),
            a_minus_3: a.wrapping_add(&U512::from_u64(3)) == pm,
            p: field,
            q,
            q_field: Field::new(&q),
            gx: hex512(x),
            gy: hex512(y),
            g_table: OnceLock::new(),
            g_fixed: OnceLock::new(),
            keys: Mutex::new(Vec::new()),
        }
    }

    /// id-GostR3410-2001-CryptoPro-A-ParamSet (RFC 4357): the curve of GOST 34.310-2004 keys.
    pub fn cryptopro_a() -> &'static Curve {
        CRYPTOPRO_A.get_or_init(|| {
            Curve::from_hex(
                "GostR3410-2001-CryptoPro-A",
                32,
                "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97",
                "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF6C611070995AD10045841B09B761B893",
                "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD94",
                "A6",
                "1",
                "8D91E471E0989CDA27DF505A453F2B7635294F2DDF23E3B122ACC99C9E9F1E14",
            )
        })
    }

    /// id-tc26-gost-3410-2012-256-paramSetA (RFC 7836), in its Weierstrass form.
    pub fn tc26_256_a() -> &'static Curve {
        TC26_256_A.get_or_init(|| {
            Curve::from_hex(
                "tc26-gost-3410-2012-256-paramSetA",
                32,
                "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97",
                "400000000000000000000000000000000FD8CDDFC87B6635C115AF556C360C67",
                "C2173F1513981673AF4892C23035A27CE25E2013BF95AA33B22C656F277E7335",
                "295F9BAE7428ED9CCC20E7C359A9D41A22FCCD9108E17BF7BA9337A6F8AE9513",
                "91E38443A5E82C0D880923425712B2BB658B9196932E02C78B2582FE742DAA28",
                "32879423AB1A0375895786C4BB46E9565FDE0B5344766740AF268ADB32322E5C",
            )
        })
    }

    /// id-tc26-gost-3410-12-512-paramSetA (RFC 7836).
    pub fn tc26_512_a() -> &'static Curve {
        TC26_512_A.get_or_init(|| {
            Curve::from_hex(
                "tc26-gost-3410-12-512-paramSetA",
                64,
                "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7",
                "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275",
                "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC4",
                "E8C2505DEDFC86DDC1BD0B2B6667F1DA34B82574761CB0E879BD081CFD0B6265EE3CB090F30D27614CB4574010DA90DD862EF9D4EBEE4761503190785A71C760",
                "3",
                "7503CFE87A836AE3A61B8816E25450E6CE5E1C93ACF1ABC1778064FDCBEFA921DF1626BE4FD036E93D75E6A50E3A41E98028FE5FC235F5B889A589CB5215F2A4",
            )
        })
    }

    fn modulus(&self) -> &U512 {
        &self.p.modulus
    }

    /// Whether (x, y) is a point of the curve with both coordinates below p.
    pub fn on_curve(&self, x: &U512, y: &U512) -> bool {
        if x >= self.modulus() || y >= self.modulus() {
            return false;
        }
        let f = &self.p;
        let (x, y) = (f.to(x), f.to(y));
        let rhs = f.add(&f.add(&f.mul(&f.square(&x), &x), &f.mul(&self.a, &x)), &self.b);
        f.square(&y) == rhs
    }

    fn affine(&self, x: &U512, y: &U512) -> Affine {
        Affine { x: self.p.to(x), y: self.p.to(y) }
    }

    /// k·G in affine coordinates; `None` for the point at infinity.
    pub fn mul_base(&self, k: &U512) -> Option<(U512, U512)> {
        self.to_affine(&self.mul_sum(k, None))
    }

    /// k·(x, y) in affine coordinates; `None` for the point at infinity. (x, y) must be on the
    /// curve.
    pub fn mul(&self, k: &U512, x: &U512, y: &U512) -> Option<(U512, U512)> {
        if !self.on_curve(x, y) {
            return None;
        }
        let pt = self.affine(x, y);
        self.to_affine(&self.mul_sum(&U512::ZERO, Some((k, &pt))))
    }

    /// Verifies a GOST R 34.10 signature (r, s) of the digest integer `e` (already read in the
    /// right byte order) with the public key (x, y): R = x(s·v·G − r·v·Q) mod q, v = e⁻¹.
    pub fn verify(&self, qx: &U512, qy: &U512, e: &U512, r: &U512, s: &U512) -> bool {
        self.verify_with(qx, qy, e, r, s, false)
    }

    /// [`Curve::verify`] for a key that signs again and again (a certification authority's):
    /// from its second signature on, the key's fixed-base table (made once, kept for the last
    /// `KEY_CACHE` keys) and G's replace most of the 512 doublings. The first signature of a
    /// key costs what [`Curve::verify`] does; the second also makes the table (the work of about
    /// 1.5 verifications).
    pub fn verify_cached(&self, qx: &U512, qy: &U512, e: &U512, r: &U512, s: &U512) -> bool {
        self.verify_with(qx, qy, e, r, s, true)
    }

    /// Forgets the keys of [`Curve::verify_cached`] (a benchmark's "first bundle" case).
    pub fn forget_keys(&self) {
        self.keys.lock().unwrap_or_else(PoisonError::into_inner).clear();
    }

    fn verify_with(&self, qx: &U512, qy: &U512, e: &U512, r: &U512, s: &U512, cached: bool) -> bool {
        let q = &self.q;
        let zero = U512::ZERO;
        if r == &zero || s == &zero || r >= q || s >= q || !self.on_curve(qx, qy) {
            return false;
        }
        let Some(nq) = NonZero::new(*q).into() else { return false };
        let mut e = e.rem(&nq);
        if e == zero {
            e = U512::ONE;
        }
        let fq = &self.q_field;
        let Some(v) = fq.invert(&fq.to(&e)) else { return false };
        let z1 = fq.from(&fq.mul(&fq.to(s), &v));
        let z2 = fq.from(&fq.neg(&fq.mul(&fq.to(r), &v)));
        let c = match cached.then(|| self.key_table(qx, qy)).flatten() {
            Some(table) => self.mul_fixed(&[(&z1, self.g_fixed()), (&z2, &table)]),
            None => self.mul_sum(&z1, Some((&z2, &self.affine(qx, qy)))),
        };
        if c.infinity {
            return false;
        }
        // x(C) = X/Z² ≡ r (mod q) without inverting Z: x < p is one of r, r + q, r + 2q, … below p
        // (one candidate on tc26-512-A, whose cofactor is 1; up to four on a cofactor-4 curve).
        let f = &self.p;
        let zz = f.square(&c.z);
        let mut candidate = *r;
        while &candidate < self.modulus() {
            if f.mul(&f.to(&candidate), &zz) == c.x {
                return true;
            }
            let (next, carry) = candidate.adc(q, crypto_bigint::Limb::ZERO);
            if carry != crypto_bigint::Limb::ZERO {
                break;
            }
            candidate = next;
        }
        false
    }

    /// The cached table of the key (x, y) (on the curve), made at its second use; `None` at its
    /// first.
    fn key_table(&self, x: &U512, y: &U512) -> Option<Arc<Precomputed>> {
        let key = (*x, *y);
        {
            let mut keys = self.keys.lock().unwrap_or_else(PoisonError::into_inner);
            let Some(at) = keys.iter().position(|(k, _)| *k == key) else {
                keys.insert(0, (key, None));
                keys.truncate(KEY_CACHE);
                return None;
            };
            let entry = keys.remove(at);
            let table = entry.1.clone();
            keys.insert(0, entry);
            if table.is_some() {
                return table;
            }
        }
        // Made outside the lock; two threads may both make it, and either result is right.
        let table = Arc::new(self.precompute(&self.affine(x, y)));
        let mut keys = self.keys.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(entry) = keys.iter_mut().find(|(k, _)| *k == key) {
            entry.1 = Some(table.clone());
        }
        Some(table)
    }

    fn g_fixed(&self) -> &Precomputed {
        self.g_fixed.get_or_init(|| self.precompute(&self.affine(&self.gx, &self.gy)))
    }

    /// P's fixed-base table: [`CHUNKS`] rows of odd multiples of P, 2^span·P, 2^(2·span)·P, …,
    /// all made affine with one inversion.
    fn precompute(&self, p: &Affine) -> Precomputed {
        let span = self.q.bits_vartime().div_ceil(CHUNKS as usize) as u32;
        let n = 1usize << (G_WINDOW - 2);
        let mut jac = Vec::with_capacity(CHUNKS as usize * n);
        let mut base = self.jacobian(p);
        for j in 0..CHUNKS {
            if j > 0 {
                for _ in 0..span {
                    base = self.double(&base);
                }
            }
            jac.extend(self.odd_multiples_jacobian(&base, G_WINDOW));
        }
        let rows = self.batch_affine(&jac).chunks(n).map(<[_]>::to_vec).collect();
        Precomputed { span, rows }
    }

    /// Σ kᵢ·Pᵢ with each Pᵢ's fixed-base table: every scalar (reduced mod q) cut into spans,
    /// each span's wNAF on its row, all interleaved over one run of span + 1 doublings.
    fn mul_fixed(&self, terms: &[(&U512, &Precomputed)]) -> Jacobian {
        let mut digits = Vec::with_capacity(terms.len() * CHUNKS as usize);
        for (k, table) in terms {
            let k = if *k >= &self.q {
                k.rem(&NonZero::new(self.q).unwrap_or(NonZero::<U512>::ONE))
            } else {
                **k
            };
            let mask = U512::MAX.shr_vartime(512 - table.span as usize);
            for (j, row) in table.rows.iter().enumerate() {
                let chunk = k.shr_vartime(j * table.span as usize).bitand(&mask);
                digits.push((wnaf(&chunk, G_WINDOW), row.as_slice()));
            }
        }
        self.interleave(&digits)
    }

    /// The order q of the base point.
    /// The order q of the base point.
    pub fn order(&self) -> &U512 {
        &self.q
    }

    /// k·G + k₂·P: both scalars in width-w NAF, interleaved (one run of doublings; an addition
    /// of a precomputed odd multiple only at each non-zero digit, about one in w + 1).
    fn mul_sum(&self, k: &U512, other: Option<(&U512, &Affine)>) -> Jacobian {
        let g_table = self.g_table.get_or_init(|| {
            let g = self.affine(&self.gx, &self.gy);
            self.batch_affine(&self.odd_multiples_jacobian(&self.jacobian(&g), G_WINDOW))
        });
        let other = other.map(|(k2, p)| {
            (wnaf(k2, Q_WINDOW), self.batch_affine(&self.odd_multiples_jacobian(&self.jacobian(p), Q_WINDOW)))
        });
        let mut terms = vec![(wnaf(k, G_WINDOW), g_table.as_slice())];
        terms.extend(other.as_ref().map(|(d, table)| (*d, table.as_slice())));
        self.interleave(&terms)
    }

    /// Σ dᵢ·Pᵢ for digit strings dᵢ indexing tables of odd multiples of Pᵢ: one run of doublings
    /// as long as the longest string, adding at each non-zero digit.
    fn interleave(&self, terms: &[([i8; WNAF_LEN], &[Option<Affine>])]) -> Jacobian {
        let top = |d: &[i8; WNAF_LEN]| d.iter().rposition(|&x| x != 0).map_or(0, |i| i + 1);
        let len = terms.iter().map(|(d, _)| top(d)).max().unwrap_or(0);
        let mut acc = Jacobian::infinity();
        for i in (0..len).rev() {
            acc = self.double(&acc);
            for (d, table) in terms {
                self.add_digit(&mut acc, d[i], table);
            }
        }
        acc
    }

    /// acc += d·P for an odd digit d (|d| < 2^(w−1)), table[j] = (2j + 1)·P; nothing for d = 0.
    #[inline]
    fn add_digit(&self, acc: &mut Jacobian, d: i8, table: &[Option<Affine>]) {
        if d == 0 {
            return;
        }
        match &table[(d.unsigned_abs() / 2) as usize] {
            Some(p) if d > 0 => *acc = self.add_mixed(acc, p),
            Some(p) => *acc = self.add_mixed(acc, &Affine { x: p.x, y: self.p.neg(&p.y) }),
            None => {}
        }
    }

    /// P, 3P, 5P, …, (2^(w−1) − 1)·P in Jacobian coordinates.
    fn odd_multiples_jacobian(&self, p: &Jacobian, w: u32) -> Vec<Jacobian> {
        let n = 1usize << (w - 2);
        let p2 = self.double(p);
        let mut jac = Vec::with_capacity(n);
        jac.push(p.clone());
        for i in 1..n {
            let next = self.add(&jac[i - 1], &p2);
            jac.push(next);
        }
        jac
    }

    /// Montgomery's trick: the affine forms of many points with a single field inversion.
    fn batch_affine(&self, points: &[Jacobian]) -> Vec<Option<Affine>> {
        let f = &self.p;
        // prefix[i] = Z₀·Z₁·…·Zᵢ over the finite points.
        let mut prefix = Vec::with_capacity(points.len());
        let mut acc = f.one;
        for p in points {
            if !p.infinity {
                acc = f.mul(&acc, &p.z);
            }
            prefix.push(acc);
        }
        let mut out = vec![None; points.len()];
        let Some(mut inv) = f.invert(&acc) else { return out };
        for i in (0..points.len()).rev() {
            let p = &points[i];
            if p.infinity {
                continue;
            }
            let before = if i == 0 { f.one } else { prefix[i - 1] };
            let zi = f.mul(&inv, &before);
            inv = f.mul(&inv, &p.z);
            let zi2 = f.square(&zi);
            out[i] = Some(Affine { x: f.mul(&p.x, &zi2), y: f.mul(&f.mul(&p.y, &zi2), &zi) });
        }
        out
    }

    fn jacobian(&self, a: &Affine) -> Jacobian {
        Jacobian { x: a.x, y: a.y, z: self.p.one, infinity: false }
    }

    fn to_affine_fe(&self, p: &Jacobian) -> Option<Affine> {
        if p.infinity {
            return None;
        }
        let f = &self.p;
        let zi = f.invert(&p.z)?;
        let zi2 = f.square(&zi);
        Some(Affine { x: f.mul(&p.x, &zi2), y: f.mul(&f.mul(&p.y, &zi2), &zi) })
    }

    fn to_affine(&self, p: &Jacobian) -> Option<(U512, U512)> {
        self.to_affine_fe(p).map(|a| (self.p.from(&a.x), self.p.from(&a.y)))
    }

    /// dbl-2001-b when a = −3, else dbl-2007-bl.
    fn double(&self, p: &Jacobian) -> Jacobian {
        let f = &self.p;
        if p.infinity || p.y.is_zero() {
            return Jacobian::infinity();
        }
        if self.a_minus_3 {
            let delta = f.square(&p.z);
            let gamma = f.square(&p.y);
            let beta = f.mul(&p.x, &gamma);
            let t = f.mul(&f.sub(&p.x, &delta), &f.add(&p.x, &delta));
            let alpha = f.add(&f.add(&t, &t), &t);
            let beta2 = f.add(&beta, &beta);
            let beta4 = f.add(&beta2, &beta2);
            let beta8 = f.add(&beta4, &beta4);
            let x3 = f.sub(&f.square(&alpha), &beta8);
            let z3 = f.sub(&f.sub(&f.square(&f.add(&p.y, &p.z)), &gamma), &delta);
            let g2 = f.square(&gamma);
            let g4 = f.add(&g2, &g2);
            let g8 = f.add(&g4, &g4);
            let g8 = f.add(&g8, &g8);
            let y3 = f.sub(&f.mul(&alpha, &f.sub(&beta4, &x3)), &g8);
            return Jacobian { x: x3, y: y3, z: z3, infinity: false };
        }
        let xx = f.square(&p.x);
        let yy = f.square(&p.y);
        let yyyy = f.square(&yy);
        let zz = f.square(&p.z);
        let t = f.sub(&f.sub(&f.square(&f.add(&p.x, &yy)), &xx), &yyyy);
        let s = f.add(&t, &t);
        let m = f.add(&f.add(&f.add(&xx, &xx), &xx), &f.mul(&self.a, &f.square(&zz)));
        let x3 = f.sub(&f.sub(&f.square(&m), &s), &s);
        let e2 = f.add(&yyyy, &yyyy);
        let e4 = f.add(&e2, &e2);
        let e8 = f.add(&e4, &e4);
        let y3 = f.sub(&f.mul(&m, &f.sub(&s, &x3)), &e8);
        let z3 = f.sub(&f.sub(&f.square(&f.add(&p.y, &p.z)), &yy), &zz);
        Jacobian { x: x3, y: y3, z: z3, infinity: false }
    }

    /// add-2007-bl: the sum of two Jacobian points.
    fn add(&self, p: &Jacobian, q: &Jacobian) -> Jacobian {
        if p.infinity {
            return q.clone();
        }
        if q.infinity {
            return p.clone();
        }
        let f = &self.p;
        let z1z1 = f.square(&p.z);
        let z2z2 = f.square(&q.z);
        let u1 = f.mul(&p.x, &z2z2);
        let u2 = f.mul(&q.x, &z1z1);
        let s1 = f.mul(&f.mul(&p.y, &q.z), &z2z2);
        let s2 = f.mul(&f.mul(&q.y, &p.z), &z1z1);
        let h = f.sub(&u2, &u1);
        let r = f.sub(&s2, &s1);
        if h.is_zero() {
            return if r.is_zero() { self.double(p) } else { Jacobian::infinity() };
        }
        let h2 = f.add(&h, &h);
        let i = f.square(&h2);
        let j = f.mul(&h, &i);
        let r = f.add(&r, &r);
        let v = f.mul(&u1, &i);
        let x3 = f.sub(&f.sub(&f.sub(&f.square(&r), &j), &v), &v);
        let s1j = f.mul(&s1, &j);
        let y3 = f.sub(&f.sub(&f.mul(&r, &f.sub(&v, &x3)), &s1j), &s1j);
        let z3 = f.mul(&f.sub(&f.sub(&f.square(&f.add(&p.z, &q.z)), &z1z1), &z2z2), &h);
        Jacobian { x: x3, y: y3, z: z3, infinity: false }
    }

    /// madd-2007-bl: a Jacobian point plus an affine one.
    fn add_mixed(&self, p: &Jacobian, q: &Affine) -> Jacobian {
        if p.infinity {
            return self.jacobian(q);
        }
        let f = &self.p;
        let z1z1 = f.square(&p.z);
        let u2 = f.mul(&q.x, &z1z1);
        let s2 = f.mul(&f.mul(&q.y, &p.z), &z1z1);
        let h = f.sub(&u2, &p.x);
        let r = f.sub(&s2, &p.y);
        if h.is_zero() {
            return if r.is_zero() { self.double(p) } else { Jacobian::infinity() };
        }
        let hh = f.square(&h);
        let hh2 = f.add(&hh, &hh);
        let i = f.add(&hh2, &hh2);
        let j = f.mul(&h, &i);
        let r = f.add(&r, &r);
        let v = f.mul(&p.x, &i);
        let x3 = f.sub(&f.sub(&f.sub(&f.square(&r), &j), &v), &v);
        let y1j = f.mul(&p.y, &j);
        let y3 = f.sub(&f.sub(&f.mul(&r, &f.sub(&v, &x3)), &y1j), &y1j);
        let z3 = f.sub(&f.sub(&f.square(&f.add(&p.z, &h)), &z1z1), &hh);
        Jacobian { x: x3, y: y3, z: z3, infinity: false }
    }
}

#[derive(Clone, Debug)]
struct Affine {
    x: Fe,
    y: Fe,
}

#[derive(Clone, Debug)]
struct Jacobian {
    x: Fe,
    y: Fe,
    z: Fe,
    infinity: bool,
}

impl Jacobian {
    fn infinity() -> Jacobian {
        Jacobian { x: Fe([0; 8]), y: Fe([0; 8]), z: Fe([0; 8]), infinity: true }
    }
}

/// Digits of a width-w NAF of a 512-bit scalar: up to 513 of them.
const WNAF_LEN: usize = 514;

/// k = Σ dᵢ·2ⁱ with every non-zero dᵢ odd, |dᵢ| < 2^(w−1), and at least w − 1 zeros after each.
fn wnaf(k: &U512, w: u32) -> [i8; WNAF_LEN] {
    let mut n = [0u64; 9];
    n[..8].copy_from_slice(&limbs(k));
    let mut digits = [0i8; WNAF_LEN];
    let (window, half) = (1i64 << w, 1i64 << (w - 1));
    let mut i = 0;
    while n.iter().any(|&l| l != 0) && i < WNAF_LEN {
        if n[0] & 1 == 1 {
            let mut d = (n[0] & (window as u64 - 1)) as i64;
            if d >= half {
                d -= window;
            }
            // n − d: its low w bits become zero (d ≡ n mod 2^w).
            if d > 0 {
                let (v, mut borrow) = n[0].overflowing_sub(d as u64);
                n[0] = v;
                for l in n.iter_mut().skip(1) {
                    if !borrow {
                        break;
                    }
                    (*l, borrow) = l.overflowing_sub(1);
                }
            } else {
                let (v, mut carry) = n[0].overflowing_add(d.unsigned_abs());
                n[0] = v;
                for l in n.iter_mut().skip(1) {
                    if !carry {
                        break;
                    }
                    (*l, carry) = l.overflowing_add(1);
                }
            }
            digits[i] = d as i8;
        }
        for j in 0..8 {
            n[j] = (n[j] >> 1) | (n[j + 1] << 63);
        }
        n[8] >>= 1;
        i += 1;
    }
    digits
}

/// An integer from big-endian bytes (at most 64; longer is `None`).
pub fn from_be(bytes: &[u8]) -> Option<U512> {
    if bytes.len() > 64 {
        return None;
    }
    let mut buf = [0u8; 64];
    buf[64 - bytes.len()..].copy_from_slice(bytes);
    Some(U512::from_be_slice(&buf))
}

/// An integer from little-endian bytes (at most 64).
pub fn from_le(bytes: &[u8]) -> Option<U512> {
    let mut be = bytes.to_vec();
    be.reverse();
    from_be(&be)
}

/// The low `size` bytes of `v`, big-endian.
pub fn to_be(v: &U512, size: usize) -> Vec<u8> {
    let all = v.to_be_bytes();
    all[64 - size.min(64)..].to_vec()
}

/// The low `size` bytes of `v`, little-endian.
pub fn to_le(v: &U512, size: usize) -> Vec<u8> {
    let mut b = to_be(v, size);
    b.reverse();
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> U512 {
        hex512(s)
    }

    /// GOST R 34.10-2012, appendix A, example 1 (= RFC 7091 §7.1, the 2001 test curve).
    #[test]
    fn standard_example_256() {
        let c = Curve::from_hex(
            "example-256",
            32,
            "8000000000000000000000000000000000000000000000000000000000000431",
            "8000000000000000000000000000000150FE8A1892976154C59CFC193ACCF5B3",
            "7",
            "5FBFF498AA938CE739B8E022FBAFEF40563F6E6A3472FC2A514C0CE9DAE23B7E",
            "2",
            "08E2A8A0E65147D4BD6316030E16D19C85C97F0A9CA267122B96ABBCEA7E8FC8",
        );
        let d = h("7A929ADE789BB9BE10ED359DD39A72C11B60961F49397EEE1D19CE9891EC3B28");
        let (qx, qy) = c.mul_base(&d).unwrap();
        assert_eq!(qx, h("7F2B49E270DB6D90D8595BEC458B50C58585BA1D4E9B788F6689DBD8E56FD80B"));
        assert_eq!(qy, h("26F1B489D6701DD185C8413A977B3CBBAF64D1C593D26627DFFB101A87FF77DA"));
        let e = h("2DFBC1B372D89A1188C09C52E0EEC61FCE52032AB1022E8E67ECE6672B043EE5");
        let r = h("41AA28D2F1AB148280CD9ED56FEDA41974053554A42767B83AD043FD39DC0493");
        let s = h("01456C64BA4642A1653C235A98A60249BCD6D3F746B631DF928014F6C5BF9C40");
        assert!(c.verify(&qx, &qy, &e, &r, &s));
        assert!(!c.verify(&qx, &qy, &e, &s, &r));
        let e2 = e.wrapping_add(&U512::ONE);
        assert!(!c.verify(&qx, &qy, &e2, &r, &s));
    }

    /// GOST R 34.10-2012, appendix A, example 2 (= RFC 7091 §7.2, 512 bits).
    #[test]
    fn standard_example_512() {
        let c = Curve::from_hex(
            "example-512",
            64,
            "4531ACD1FE0023C7550D267B6B2FEE80922B14B2FFB90F04D4EB7C09B5D2D15DF1D852741AF4704A0458047E80E4546D35B8336FAC224DD81664BBF528BE6373",
            "4531ACD1FE0023C7550D267B6B2FEE80922B14B2FFB90F04D4EB7C09B5D2D15DA82F2D7ECB1DBAC719905C5EECC423F1D86E25EDBE23C595D644AAF187E6E6DF",
            "7",
            "1CFF0806A31116DA29D8CFA54E57EB748BC5F377E49400FDD788B649ECA1AC4361834013B2AD7322480A89CA58E0CF74BC9E540C2ADD6897FAD0A3084F302ADC",
            "24D19CC64572EE30F396BF6EBBFD7A6C5213B3B3D7057CC825F91093A68CD762FD60611262CD838DC6B60AA7EEE804E28BC849977FAC33B4B530F1B120248A9A",
            "2BB312A43BD2CE6E0D020613C857ACDDCFBF061E91E5F2C3F32447C259F39B2C83AB156D77F1496BF7EB3351E1EE4E43DC1A18B91B24640B6DBB92CB1ADD371E",
        );
        let d = h("0BA6048AADAE241BA40936D47756D7C93091A0E8514669700EE7508E508B102072E8123B2200A0563322DAD2827E2714A2636B7BFD18AADFC62967821FA18DD4");
        let (qx, qy) = c.mul_base(&d).unwrap();
        assert_eq!(qx, h("115DC5BC96760C7B48598D8AB9E740D4C4A85A65BE33C1815B5C320C854621DD5A515856D13314AF69BC5B924C8B4DDFF75C45415C1D9DD9DD33612CD530EFE1"));
        assert_eq!(qy, h("37C7C90CD40B0F5621DC3AC1B751CFA0E2634FA0503B3D52639F5D7FB72AFD61EA199441D943FFE7F0C70A2759A3CDB84C114E1F9339FDF27F35ECA93677BEEC"));
        let e = h("3754F3CFACC9E0615C4F4A7C4D8DAB531B09B6F9C170C533A71D147035B0C5917184EE536593F4414339976C647C5D5A407ADEDB1D560C4FC6777D2972075B8C");
        let r = h("2F86FA60A081091A23DD795E1E3C689EE512A3C82EE0DCC2643C78EEA8FCACD35492558486B20F1C9EC197C90699850260C93BCBCD9C5C3317E19344E173AE36");
        let s = h("1081B394696FFE8E6585E7A9362D26B6325F56778AADBC081C0BFBE933D52FF5823CE288E8C4F362526080DF7F70CE406A6EEB1F56919CB92A9853BDE73E5B4A");
        assert!(c.verify(&qx, &qy, &e, &r, &s));
        assert!(!c.verify(&qx, &qy, &e, &r, &r));
    }

    /// RFC 8133's multiplication vectors on CryptoPro-A and tc26-512-A: the named curves'
    /// constants and the arithmetic on them.
    #[test]
    fn named_curves_multiply_as_rfc_8133() {
        let c = Curve::cryptopro_a();
        let k = h("1F2538097D5A031FA68BBB43C84D12B3DE47B7061C0D5E24993E0C873CDBA6B3");
        assert_eq!(
            c.mul_base(&k).unwrap(),
            (
                h("BBC77CF42DC1E62D06227935379B4AA4D14FEA4F565DDF4CB4FA4D31579F9676"),
                h("8E16604A4AFDF28246684D4996274781F6CB80ABBBA1414C1513EC988509DABF")
            )
        );
        for c in [Curve::cryptopro_a(), Curve::tc26_256_a(), Curve::tc26_512_a()] {
            assert!(c.on_curve(&c.gx, &c.gy), "{}", c.name);
            assert!(c.mul_base(c.order()).is_none(), "{}: q·G = O", c.name);
        }
    }

    /// The plain double-and-add k·P (bit by bit, no table, no NAF): the reference for the wNAF
    /// path.
    fn reference_mul(c: &Curve, k: &U512, p: &Affine) -> Jacobian {
        let mut acc = Jacobian::infinity();
        for i in (0..k.bits_vartime()).rev() {
            acc = c.double(&acc);
            if k.bit_vartime(i) {
                acc = c.add_mixed(&acc, p);
            }
        }
        acc
    }

    fn same_point(c: &Curve, a: &Jacobian, b: &Jacobian) -> bool {
        c.to_affine(a) == c.to_affine(b)
    }

    /// 0, 1, `extra`, q − 1, q, q + 1, 2⁵¹² − 1 and `random` random 512-bit scalars.
    fn test_scalars(q: &U512, extra: &[U512], random: usize, next: &mut impl FnMut() -> u64) -> Vec<U512> {
        let mut scalars = vec![U512::ZERO, U512::ONE];
        scalars.extend_from_slice(extra);
        scalars.extend([q.wrapping_sub(&U512::ONE), *q, q.wrapping_add(&U512::ONE), U512::MAX]);
        for _ in 0..random {
            let mut l = [0u64; 8];
            l.iter_mut().for_each(|x| *x = next());
            scalars.push(from_limbs(&l));
        }
        scalars
    }

    /// The interleaved wNAF multiplication (and its tables, the Jacobian addition, the batch
    /// inversion) against plain double-and-add on random and edge scalars, on all three curves.
    #[test]
    fn wnaf_matches_double_and_add() {
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        for c in [Curve::tc26_512_a(), Curve::cryptopro_a(), Curve::tc26_256_a()] {
            let g = c.affine(&c.gx, &c.gy);
            let q = c.order();
            let scalars =
                test_scalars(q, &[U512::from_u64(2), U512::from_u64(31), U512::from_u64(63)], 12, &mut next);
            let (px, py) = c.mul_base(&h("1D5A3C7E9B")).unwrap();
            let p = c.affine(&px, &py);
            for (i, k) in scalars.iter().enumerate() {
                assert!(same_point(c, &c.mul_sum(k, None), &reference_mul(c, k, &g)), "{} k·G #{i}", c.name);
                let kp = c.mul_sum(&U512::ZERO, Some((k, &p)));
                assert!(same_point(c, &kp, &reference_mul(c, k, &p)), "{} k·P #{i}", c.name);
                let k2 = &scalars[(i * 7 + 3) % scalars.len()];
                let both = c.mul_sum(k, Some((k2, &p)));
                let expected = match c.to_affine_fe(&reference_mul(c, k2, &p)) {
                    Some(b) => c.add_mixed(&reference_mul(c, k, &g), &b),
                    None => reference_mul(c, k, &g),
                };
                assert!(same_point(c, &both, &expected), "{} k·G + k2·P #{i}", c.name);
            }
        }
    }

    /// The fixed-base path (tables of G and of a key, scalars cut into spans) against plain
    /// double-and-add, on random and edge scalars (0, 1, 2^span ± 1 at chunk borders, q − 1, q,
    /// q + 1, 2⁵¹² − 1), on all three curves.
    #[test]
    fn fixed_base_matches_double_and_add() {
        let mut next = xorshift(0xD1B5_4A32_D192_ED03);
        for c in [Curve::tc26_512_a(), Curve::cryptopro_a(), Curve::tc26_256_a()] {
            let g = c.affine(&c.gx, &c.gy);
            let (px, py) = c.mul_base(&h("5EED")).unwrap();
            let p = c.affine(&px, &py);
            let pt = c.precompute(&p);
            let span = c.g_fixed().span as usize;
            let q = c.order();
            let border = U512::ONE.shl_vartime(span);
            let extra = [
                border,
                border.wrapping_sub(&U512::ONE),
                U512::ONE.shl_vartime(span * 7).wrapping_add(&U512::ONE),
            ];
            let scalars = test_scalars(q, &extra, 10, &mut next);
            for (i, k) in scalars.iter().enumerate() {
                let k2 = &scalars[(i * 5 + 2) % scalars.len()];
                assert!(
                    same_point(c, &c.mul_fixed(&[(k, c.g_fixed())]), &reference_mul(c, k, &g)),
                    "{} k·G #{i}",
                    c.name
                );
                assert!(
                    same_point(c, &c.mul_fixed(&[(k, &pt)]), &reference_mul(c, k, &p)),
                    "{} k·P #{i}",
                    c.name
                );
                let expected = match c.to_affine_fe(&reference_mul(c, k2, &p)) {
                    Some(b) => c.add_mixed(&reference_mul(c, k, &g), &b),
                    None => reference_mul(c, k, &g),
                };
                let both = c.mul_fixed(&[(k, c.g_fixed()), (k2, &pt)]);
                assert!(same_point(c, &both, &expected), "{} k·G + k2·P #{i}", c.name);
            }
        }
    }

    /// verify_cached answers as verify does at a key's first (no table), second (makes it) and
    /// later uses, for good and bad signatures; the cache keeps at most KEY_CACHE keys.
    #[test]
    fn cached_verification_agrees() {
        for c in [Curve::tc26_512_a(), Curve::cryptopro_a(), Curve::tc26_256_a()] {
            let fq = &c.q_field;
            let d = h("ABCDEF0123456789ABCDEF");
            let (qx, qy) = c.mul_base(&d).unwrap();
            let sign = |k: &U512, e: &U512| {
                let r = c.mul_base(k).unwrap().0.rem(&NonZero::new(c.q).unwrap());
                (r, fq.from(&fq.add(&fq.mul(&fq.to(&r), &fq.to(&d)), &fq.mul(&fq.to(k), &fq.to(e)))))
            };
            for round in 0..4u64 {
                let e = h("C0FFEE").wrapping_add(&U512::from_u64(round));
                let (r, s) = sign(&h("0FEDCBA987654321").wrapping_add(&U512::from_u64(round)), &e);
                assert!(c.verify(&qx, &qy, &e, &r, &s));
                assert!(c.verify_cached(&qx, &qy, &e, &r, &s), "{} round {round}", c.name);
                let e2 = e.wrapping_add(&U512::ONE);
                assert!(!c.verify_cached(&qx, &qy, &e2, &r, &s), "{} round {round}", c.name);
                assert!(!c.verify_cached(&qx, &qy, &e, &s, &r), "{} round {round}", c.name);
                assert!(!c.verify_cached(&qy, &qx, &e, &r, &s), "{} round {round}", c.name);
            }
            assert!(c.key_table(&qx, &qy).is_some(), "{}: a key used again has its table", c.name);
        }
        let c = Curve::tc26_256_a();
        for i in 0..(KEY_CACHE as u64 + 3) {
            let (x, y) = c.mul_base(&U512::from_u64(1000 + i)).unwrap();
            assert!(c.key_table(&x, &y).is_none(), "a key's first use makes no table");
        }
        assert!(c.keys.lock().unwrap().len() <= KEY_CACHE);
    }

    /// Timings, the fastest of many batches (robust on a loaded machine):
    /// `cargo test --release -p anyqtama-gost -- --ignored --nocapture timings`.
    #[test]
    #[ignore]
    fn timings() {
        use std::time::Instant;
        fn fastest(batches: usize, per: u32, mut f: impl FnMut()) -> f64 {
            (0..batches)
                .map(|_| {
                    let t = Instant::now();
                    for _ in 0..per {
                        f();
                    }
                    t.elapsed().as_nanos() as f64 / per as f64
                })
                .fold(f64::MAX, f64::min)
        }
        let c = Curve::tc26_512_a();
        let f = &c.p;
        let mut a = f.to(&h("123456789ABCDEF0123456789ABCDEF"));
        let b = f.to(&c.gx);
        let mul = fastest(200, 1000, || a = std::hint::black_box(f.mul(&a, &b)));
        let sqr = fastest(200, 1000, || a = std::hint::black_box(f.square(&a)));
        let inv = fastest(50, 20, || a = std::hint::black_box(f.invert(&a).unwrap()));
        let d = h("123456789ABCDEF");
        let (qx, qy) = c.mul_base(&d).unwrap();
        let (k, e) = (h("0FEDCBA987654321"), h("C0FFEE"));
        let r = c.mul_base(&k).unwrap().0.rem(&NonZero::new(c.q).unwrap());
        let fq = &c.q_field;
        let s = fq.from(&fq.add(&fq.mul(&fq.to(&r), &fq.to(&d)), &fq.mul(&fq.to(&k), &fq.to(&e))));
        let verify = fastest(20, 5, || assert!(c.verify(&qx, &qy, &e, &r, &s)));
        let pk = c.affine(&qx, &qy);
        let table = fastest(10, 2, || drop(std::hint::black_box(c.precompute(&pk))));
        let cached = fastest(20, 5, || assert!(c.verify_cached(&qx, &qy, &e, &r, &s)));
        println!(
            "tc26-512-A: mul {mul:.0} ns, square {sqr:.0} ns, invert {inv:.0} ns, verify {verify:.0} ns, \
             a key's table {table:.0} ns, verify with the key's table {cached:.0} ns"
        );
    }

    /// (a·b) mod m by crypto-bigint's wide product and division: the reference for the field.
    fn reference_mul_mod(a: &U512, b: &U512, m: &U512) -> U512 {
        use crypto_bigint::U1024;
        let (lo, hi) = a.mul_wide(b);
        let wide: U1024 = hi.concat(&lo);
        let m_wide: U1024 = U512::ZERO.concat(m);
        let r = wide.rem(&NonZero::new(m_wide).unwrap());
        r.split().1
    }

    fn xorshift(seed: u64) -> impl FnMut() -> u64 {
        let mut state = seed;
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    /// The pseudo-Mersenne multiplication and squaring of p = 2⁵¹² − 569 and 2²⁵⁶ − 617 against
    /// the Montgomery path and against crypto-bigint, on random and edge values (0, 1, p − 1,
    /// and for the bare product-and-fold also non-canonical inputs: p, p + 1, 2^(64·limbs) − 1).
    #[test]
    fn pseudo_mersenne_matches_montgomery_and_reference() {
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
        for c in [Curve::tc26_512_a(), Curve::tc26_256_a(), Curve::cryptopro_a()] {
            let pm = &c.p;
            let (cc, n) = match pm.reduction {
                Reduction::PseudoMersenne { c, limbs } => (c, limbs),
                Reduction::Montgomery { .. } => panic!("{}: p is pseudo-Mersenne", c.name),
            };
            let mont = Field::montgomery(&pm.modulus);
            let p = pm.modulus;
            let top = if n == 8 { U512::MAX } else { U512::MAX.shr_vartime(256) };
            let mut canonical =
                vec![U512::ZERO, U512::ONE, U512::from_u64(2), p.wrapping_sub(&U512::ONE), p.shr_vartime(1)];
            for _ in 0..40 {
                let mut l = [0u64; 8];
                l.iter_mut().take(n).for_each(|x| *x = next());
                canonical.push(from_limbs(&l).rem(&NonZero::new(p).unwrap()));
            }
            for a in &canonical {
                for b in canonical.iter().step_by(3) {
                    let expected = reference_mul_mod(a, b, &p);
                    assert_eq!(pm.from(&pm.mul(&pm.to(a), &pm.to(b))), expected, "{} {a} · {b}", c.name);
                    assert_eq!(
                        mont.from(&mont.mul(&mont.to(a), &mont.to(b))),
                        expected,
                        "{} Montgomery",
                        c.name
                    );
                }
                assert_eq!(pm.from(&pm.square(&pm.to(a))), reference_mul_mod(a, a, &p), "{} {a}²", c.name);
            }
            // Non-canonical inputs (below 2^(64·limbs)) to the bare product and fold.
            let mut wide = vec![p, p.wrapping_add(&U512::ONE), top, top.wrapping_sub(&U512::ONE)];
            wide.extend(canonical.iter().take(12));
            for a in &wide {
                for b in &wide {
                    let (la, lb) = (limbs(a), limbs(b));
                    let (prod, sq) = if n == 8 {
                        (
                            reduce_pm::<8>(&product::<8>(&la, &lb), cc, &pm.m),
                            reduce_pm::<8>(&square::<8>(&la), cc, &pm.m),
                        )
                    } else {
                        (
                            reduce_pm::<4>(&product::<4>(&la, &lb), cc, &pm.m),
                            reduce_pm::<4>(&square::<4>(&la), cc, &pm.m),
                        )
                    };
                    assert_eq!(from_limbs(&prod), reference_mul_mod(a, b, &p), "{} {a} · {b}", c.name);
                    assert_eq!(from_limbs(&sq), reference_mul_mod(a, a, &p), "{} {a}²", c.name);
                }
            }
            // Values at or above p are reduced on the way in.
            assert_eq!(pm.to(&p), pm.zero());
            assert_eq!(pm.from(&pm.to(&top)), top.rem(&NonZero::new(p).unwrap()));
        }
        // Only 2^(64·4) − c and 2^(64·8) − c with a small c are taken as pseudo-Mersenne.
        for m in [
            "8000000000000000000000000000000000000000000000000000000000000431",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF6C611070995AD10045841B09B761B893",
        ] {
            assert!(matches!(Field::new(&hex512(m)).reduction, Reduction::Montgomery { .. }), "{m}");
        }
    }

    #[test]
    fn inversion_inverts() {
        let mut next = xorshift(0x6A09_E667_F3BC_C908);
        for c in [Curve::tc26_512_a(), Curve::cryptopro_a(), Curve::tc26_256_a()] {
            for f in [&c.p, &c.q_field] {
                // Small values, whole zero limbs (2⁶⁴, 2¹²⁸ + 2⁶⁴, 2²⁰⁰: the 64-bit steps of the
                // division by powers of two), m − 1 and random values.
                let mut values =
                    vec![U512::ONE, U512::from_u64(2), h("C0FFEE"), f.modulus.wrapping_sub(&U512::ONE)];
                values.extend([64, 128, 200].map(|k| U512::ONE.shl_vartime(k)));
                values.push(U512::ONE.shl_vartime(128).wrapping_add(&U512::ONE.shl_vartime(64)));
                for _ in 0..20 {
                    let mut l = [0u64; 8];
                    l.iter_mut().for_each(|x| *x = next());
                    values.push(from_limbs(&l).rem(&NonZero::new(f.modulus).unwrap()));
                }
                for v in values {
                    let a = f.to(&v);
                    assert_eq!(f.mul(&a, &f.invert(&a).unwrap()), f.one, "{} {v}", c.name);
                }
                assert!(f.invert(&f.zero()).is_none());
            }
        }
    }

    #[test]
    fn signs_and_verifies_on_named_curves() {
        for c in [Curve::cryptopro_a(), Curve::tc26_256_a(), Curve::tc26_512_a()] {
            let d = h("123456789ABCDEF");
            let (qx, qy) = c.mul_base(&d).unwrap();
            let (k, e) = (h("0FEDCBA987654321"), h("C0FFEE"));
            let r = c.mul_base(&k).unwrap().0.rem(&NonZero::new(c.q).unwrap());
            let f = &c.q_field;
            let rd = f.mul(&f.to(&r), &f.to(&d));
            let s = f.from(&f.add(&rd, &f.mul(&f.to(&k), &f.to(&e))));
            assert!(c.verify(&qx, &qy, &e, &r, &s), "{}", c.name);
            assert!(!c.verify(&qx, &qy, &e.wrapping_add(&U512::ONE), &r, &s), "{}", c.name);
        }
    }
}

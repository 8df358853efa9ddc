//! Building a bundle: the application and its documents → the bytes of the ZIP.
//!
//! [`prepare`] lays out the bag (documents under `data/documents/<item>/<safe name>`, their
//! descriptions in `application.json` recomputed from the bytes: name, size, real media type,
//! SHA-256), and the tag files. [`Unsigned::signing_input`] is what to sign, and
//! [`Unsigned::finish`] adds `signature.jws` and writes the ZIP — two steps, so that a browser
//! can await WebCrypto's `sign` between them. [`build`] does all three with a [`Signer`].
//!
//! The same request gives the same bytes: fixed entry order and timestamps, canonical JSON,
//! sorted manifests (and, natively, deterministic ECDSA).

use crate::bagit::{self, label};
use crate::encoding::hex;
use crate::{canonical, jws, names, zip, Digest, Problem, PublicJwk, Signer, FORMAT_VERSION};
use anyqtama_core::application::{DocumentState, FileRef};
use anyqtama_core::{filetype, Application, Date, Lang};
use std::borrow::Cow;

/// An attached file: the checklist item it belongs to, the name it was given, its bytes.
#[derive(Clone, Debug)]
pub struct Document<'a> {
    pub item: String,
    pub name: String,
    pub bytes: Cow<'a, [u8]>,
    /// The bytes' SHA-256 if already known (a browser computes it with WebCrypto, off the main
    /// thread and with progress); otherwise the [`Digest`] given to [`prepare`] computes it.
    pub sha256: Option<[u8; 32]>,
}

/// What to bundle.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    pub application: &'a Application,
    pub documents: &'a [Document<'a>],
    /// The bundle's UUID (`External-Identifier`); lowercase in the bag.
    pub id: &'a str,
    /// The bagging date (`Bagging-Date`; also the ZIP entries' timestamp).
    pub date: Date,
    /// The language the applicant used.
    pub lang: Lang,
    /// The version of the rule set the application was checked against.
    pub rules_version: &'a str,
}

/// A bag laid out and ready to be signed.
#[derive(Clone, Debug)]
pub struct Unsigned<'a> {
    /// Tag files then payload, in the order they go into the ZIP.
    files: Vec<(String, Cow<'a, [u8]>)>,
    tagmanifest: Vec<u8>,
    application: Application,
    date: Date,
}

/// Whether `s` is a UUID in the 8-4-4-4-12 hex form.
pub fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|c| c.is_ascii_hexdigit()))
}

/// Lays out the bag. Fails on an `id` that is not a UUID (`build.id`).
pub fn prepare<'a>(request: &Request<'a>, digest: &dyn Digest) -> Result<Unsigned<'a>, Problem> {
    if !is_uuid(request.id) {
        return Err(Problem::new("build.id").arg("id", request.id));
    }
    let mut application = request.application.clone();
    // The documents given replace whatever the application described.
    for state in &mut application.documents {
        state.files.clear();
    }
    let mut payload: Vec<(String, Cow<'a, [u8]>, [u8; 32])> = Vec::new();
    for doc in request.documents {
        // Item ids come from the rules (`identity-document`): already safe, or refused.
        if names::sanitize(&doc.item) != doc.item {
            return Err(Problem::at("name.unsafe", &doc.item).arg("reason", "checklist item id"));
        }
        let state = match application.documents.iter().position(|d| d.item == doc.item) {
            Some(i) => &mut application.documents[i],
            None => {
                application
                    .documents
                    .push(DocumentState { item: doc.item.clone(), ..DocumentState::default() });
                application.documents.last_mut().expect("just pushed")
            }
        };
        let taken: Vec<String> = state.files.iter().map(|f| f.name.clone()).collect();
        let name = names::distinct(&names::sanitize(&doc.name), &taken);
        let sha256 = doc.sha256.unwrap_or_else(|| digest.sha256(&doc.bytes));
        state.files.push(FileRef {
            name: name.clone(),
            size: doc.bytes.len() as u64,
            media_type: filetype::sniff(&doc.bytes).media_type().to_string(),
            sha256: Some(hex(&sha256)),
        });
        payload.push((format!("data/documents/{}/{name}", doc.item), doc.bytes.clone(), sha256));
    }
    let json = serde_json::to_value(&application).expect("an Application is plain data");
    let json = canonical::to_vec(&json);
    let sha256 = digest.sha256(&json);
    payload.push(("data/application.json".to_string(), Cow::Owned(json), sha256));
    payload.sort_by(|a, b| a.0.cmp(&b.0));

    let payload_bytes: u64 = payload.iter().map(|(_, b, _)| b.len() as u64).sum();
    let digests: Vec<(String, [u8; 32])> = payload.iter().map(|(p, _, d)| (p.clone(), *d)).collect();
    let manifest = bagit::manifest(&digests);
    let info = bagit::tag_file(&[
        (label::BAGGING_DATE, request.date.to_string()),
        (label::EXTERNAL_IDENTIFIER, request.id.to_ascii_lowercase()),
        (label::PAYLOAD_OXUM, bagit::oxum(payload_bytes, payload.len())),
        (label::SOFTWARE_AGENT, format!("anyqtama-bundle {}", env!("CARGO_PKG_VERSION"))),
        (label::FORMAT_VERSION, FORMAT_VERSION.to_string()),
        (label::RULES_VERSION, one_line(request.rules_version)),
        (label::REQUEST_KIND, one_line(application.kind().unwrap_or(""))),
        (label::LANGUAGE, request.lang.tag().to_string()),
    ]);
    let tags: Vec<(String, Cow<'a, [u8]>)> = vec![
        (bagit::BAGIT_TXT.to_string(), Cow::Owned(bagit::declaration().into_bytes())),
        (bagit::BAG_INFO_TXT.to_string(), Cow::Owned(info.into_bytes())),
        (bagit::MANIFEST.to_string(), Cow::Owned(manifest.into_bytes())),
    ];
    let tag_digests: Vec<(String, [u8; 32])> =
        tags.iter().map(|(p, b)| (p.clone(), digest.sha256(b))).collect();
    let tagmanifest = bagit::manifest(&tag_digests).into_bytes();
    let mut files = tags;
    files.extend(payload.into_iter().map(|(p, b, _)| (p, b)));
    Ok(Unsigned { files, tagmanifest, application, date: request.date })
}

/// A value on one line (a tag file value cannot hold a line break).
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_string()
}

impl<'a> Unsigned<'a> {
    /// The same bag, owning all its bytes (to keep it across an `await`).
    pub fn into_owned(self) -> Unsigned<'static> {
        Unsigned {
            files: self.files.into_iter().map(|(p, b)| (p, Cow::Owned(b.into_owned()))).collect(),
            tagmanifest: self.tagmanifest,
            application: self.application,
            date: self.date,
        }
    }

    /// The bytes of `tagmanifest-sha256.txt` (the JWS payload).
    pub fn tagmanifest(&self) -> &[u8] {
        &self.tagmanifest
    }

    /// The application as it goes into the bag (its file descriptions recomputed).
    pub fn application(&self) -> &Application {
        &self.application
    }

    /// What `key` signs: the JWS signing input.
    pub fn signing_input(&self, key: &PublicJwk) -> Vec<u8> {
        jws::signing_input(&jws::protected(key), &self.tagmanifest)
    }

    /// The ZIP, with `signature` (ES256 `r || s` over [`signing_input`](Self::signing_input)).
    pub fn finish(self, key: &PublicJwk, signature: &[u8; 64]) -> Result<Vec<u8>, Problem> {
        self.finish_with_eds(key, signature, None)
    }

    /// The ZIP, with `signature` and, when given, the applicant's qualified electronic
    /// signature `eds`: a detached CMS in DER over [`tagmanifest`](Self::tagmanifest) (what
    /// NCALayer's `sign` returns, base64-decoded), written as `signature.p7s`. It is stored as
    /// given: verifying it is `anyqtama-eds`'s work (the `eds` feature's [`crate::eds`]).
    pub fn finish_with_eds(
        self,
        key: &PublicJwk,
        signature: &[u8; 64],
        eds: Option<&[u8]>,
    ) -> Result<Vec<u8>, Problem> {
        let signature = jws::compact(&jws::protected(key), signature);
        let size: usize = self.files.iter().map(|(p, b)| 80 + 2 * p.len() + b.len()).sum::<usize>() + 1024;
        let extra = self.tagmanifest.len() + signature.len() + eds.map_or(0, |e| e.len() + 100);
        let mut w = zip::Writer::with_capacity(self.date, size + extra);
        let mut files = self.files.into_iter();
        for (path, bytes) in files.by_ref().take(3) {
            w.add(&path, &bytes)?;
        }
        w.add(bagit::TAGMANIFEST, &self.tagmanifest)?;
        w.add(bagit::SIGNATURE, signature.as_bytes())?;
        if let Some(eds) = eds {
            w.add(bagit::EDS_SIGNATURE, eds)?;
        }
        for (path, bytes) in files {
            w.add(&path, &bytes)?;
        }
        w.finish()
    }
}

/// The bytes of `tagmanifest-sha256.txt` in a built bundle (what an EDS signs).
pub fn tagmanifest_of(zip_bytes: &[u8]) -> Result<Vec<u8>, Problem> {
    let archive = zip::read(zip_bytes, &zip::Limits::default())?;
    archive
        .entries
        .into_iter()
        .find(|e| e.name == bagit::TAGMANIFEST)
        .map(|e| e.data)
        .ok_or_else(|| Problem::at("bag.missing_tag_file", bagit::TAGMANIFEST))
}

/// A built bundle with the applicant's detached CMS (`cms`, DER) as `signature.p7s`, right after
/// `signature.jws` (replacing an earlier `signature.p7s`). Nothing else changes: the CMS signs the
/// tag manifest, which is not rewritten, so the device key's JWS stays valid. The entries keep the
/// bag's `Bagging-Date`. A bundle that does not read cleanly is refused with its first problem.
pub fn with_eds_signature(zip_bytes: &[u8], cms: &[u8]) -> Result<Vec<u8>, Problem> {
    let archive = zip::read(zip_bytes, &zip::Limits::default())?;
    if let Some(p) = archive.problems.into_iter().next() {
        return Err(p);
    }
    let date = archive
        .entries
        .iter()
        .find(|e| e.name == bagit::BAG_INFO_TXT)
        .and_then(|e| bagit::parse_tag_file(std::str::from_utf8(&e.data).ok()?))
        .and_then(|fields| Date::parse(bagit::field(&fields, label::BAGGING_DATE)?).ok())
        .ok_or_else(|| Problem::at("bag.missing_tag_file", bagit::BAG_INFO_TXT))?;
    let size = zip_bytes.len() + cms.len() + 256;
    let mut w = zip::Writer::with_capacity(date, size);
    let mut placed = false;
    for e in archive.entries.iter().filter(|e| e.name != bagit::EDS_SIGNATURE) {
        w.add(&e.name, &e.data)?;
        if e.name == bagit::SIGNATURE {
            w.add(bagit::EDS_SIGNATURE, cms)?;
            placed = true;
        }
    }
    if !placed {
        return Err(Problem::at("bag.missing_tag_file", bagit::SIGNATURE));
    }
    w.finish()
}

/// Builds and signs a bundle in one go.
pub fn build(request: &Request<'_>, digest: &dyn Digest, signer: &dyn Signer) -> Result<Vec<u8>, Problem> {
    let unsigned = prepare(request, digest)?;
    let key = signer.public_jwk();
    let signature = signer
        .sign(&unsigned.signing_input(&key))
        .map_err(|e| Problem::new("build.signer").arg("reason", e))?;
    unsigned.finish(&key, &signature)
}

// Whether a commit is signed, and whether its signatures verify against the remote's keys.
import OSTree from 'gi://OSTree';
import { messageOf } from './engine-error';
import type { Signature, VerifyResult } from './protocol';

const ATTRIBUTES = [
  OSTree.GpgSignatureAttr.VALID,
  OSTree.GpgSignatureAttr.SIG_EXPIRED,
  OSTree.GpgSignatureAttr.KEY_EXPIRED,
  OSTree.GpgSignatureAttr.KEY_REVOKED,
  OSTree.GpgSignatureAttr.KEY_MISSING,
  OSTree.GpgSignatureAttr.FINGERPRINT,
  OSTree.GpgSignatureAttr.TIMESTAMP,
  OSTree.GpgSignatureAttr.USER_NAME,
];

type SignatureTuple = [boolean, boolean, boolean, boolean, boolean, string, number, string];

export function verifyCommit(repo: OSTree.Repo, checksum: string, remote: string | null): VerifyResult {
  let result: OSTree.GpgVerifyResult;
  try {
    result = remote ? repo.verify_commit_for_remote(checksum, remote, null) : repo.verify_commit_ext(checksum, null, null, null);
  } catch (error) {
    if (/no signatures/i.test(messageOf(error))) return { checksum, signed: false, valid: false, signatures: [] };
    throw error;
  }
  const signatures: Signature[] = [];
  for (let i = 0; i < result.count_all(); i++) {
    const [valid, sigExpired, keyExpired, revoked, keyMissing, fingerprint, timestamp, user] = result
      .get(i, ATTRIBUTES)
      .deep_unpack<SignatureTuple>();
    signatures.push({
      keyId: fingerprint,
      valid,
      keyMissing,
      expired: sigExpired || keyExpired,
      revoked,
      timestamp,
      user: user && user !== '[unknown name]' ? user : null,
    });
  }
  return { checksum, signed: signatures.length > 0, valid: result.count_valid() > 0, signatures };
}

import { promises as dns } from 'node:dns';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/common';

export interface DnsRecord {
  type: 'TXT' | 'CNAME' | 'A';
  name: string;
  value: string;
}

export interface DnsCheck extends DnsRecord {
  /** What DNS answered for that name and type. */
  found: string[];
  ok: boolean;
}

export interface DnsVerification {
  verified: boolean;
  checks: DnsCheck[];
  /** One sentence per failed check, for humans and for `lastCheckError`. */
  problems: string[];
}

const RESOLVE_TIMEOUT_MS = 3_000;

/**
 * Verifies a custom domain through DNS: the TXT challenge proves ownership, the CNAME (or, for an apex
 * domain, the A record) proves traffic reaches us. Resolver servers come from DNS_SERVERS, so tests run
 * a real DNS server on loopback.
 */
@Injectable()
export class DnsVerifier {
  constructor(private readonly config: AppConfig) {}

  /** The records a domain owner must create. */
  requiredRecords(hostname: string, token: string): DnsRecord[] {
    const records: DnsRecord[] = [
      { type: 'TXT', name: `_linktrace.${hostname}`, value: `linktrace-verify=${token}` },
      { type: 'CNAME', name: hostname, value: this.config.domainCnameTarget },
    ];
    if (this.config.DOMAIN_A_RECORD) records.push({ type: 'A', name: hostname, value: this.config.DOMAIN_A_RECORD });
    return records;
  }

  async verify(hostname: string, token: string): Promise<DnsVerification> {
    const resolver = new dns.Resolver({ timeout: RESOLVE_TIMEOUT_MS, tries: 2 });
    if (this.config.dnsServers.length > 0) resolver.setServers(this.config.dnsServers);
    const [txt, cname, a] = this.requiredRecords(hostname, token);

    const txtFound = (await lookup(() => resolver.resolveTxt(txt.name))).map((chunks) => (chunks as string[]).join(''));
    const cnameFound = (await lookup(() => resolver.resolveCname(cname.name))).map((name) =>
      String(name).toLowerCase().replace(/\.$/, ''),
    );
    const checks: DnsCheck[] = [
      { ...txt, found: txtFound, ok: txtFound.includes(txt.value) },
      { ...cname, found: cnameFound, ok: cnameFound.includes(cname.value) },
    ];
    if (a) {
      const aFound = (await lookup(() => resolver.resolve4(a.name))).map(String);
      checks.push({ ...a, found: aFound, ok: aFound.includes(a.value) });
    }

    const problems: string[] = [];
    if (!checks[0].ok) problems.push(describe(checks[0]));
    // Traffic may arrive through the CNAME or, where configured, the A record: one of them suffices.
    const routing = checks.slice(1);
    if (!routing.some((check) => check.ok)) problems.push(routing.map(describe).join('; or '));
    return { verified: problems.length === 0, checks, problems };
  }
}

function describe(check: DnsCheck): string {
  const found =
    check.found.length === 0
      ? 'no such record'
      : `found ${check.found.map((value) => JSON.stringify(value)).join(', ')}`;
  return `${check.type} record ${check.name} should be ${JSON.stringify(check.value)} (${found})`;
}

/** A missing name or record is an empty answer, not an error. */
async function lookup<T>(resolve: () => Promise<T[]>): Promise<T[]> {
  try {
    return await resolve();
  } catch {
    return [];
  }
}

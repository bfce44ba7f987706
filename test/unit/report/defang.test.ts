// defang(): IR-convention defanging of IPs, UPNs, URLs, user agents; values from the seed's expected.json.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defang, defangText } from '../../../src-main/engine/report/defang';
import { expected } from './fixtures';

describe('defang', () => {
  it('defangs the seed indicators as the write-up does', () => {
    expect(defang(expected.alert_ip, 'IP')).toBe('201[.]231[.]8[.]199');
    expect(defang(expected.upn, 'UPN')).toBe('miriamg@bank[.]onmicrosoft[.]com');
    expect(defang(expected.key_uri, 'URL')).toBe('hxxps://salary[.]vault[.]azure[.]net/keys/Payroll');
    expect(defang(expected.ps_request_uri, 'URL')).toBe('hxxps://salary[.]vault[.]azure[.]net/keys?api-version=7.0');
  });

  it('defangs IPv6 and IPv4-mapped addresses', () => {
    expect(defang('2001:db8::1', 'IP')).toBe('2001[:]db8[:][:]1');
    expect(defang('::ffff:10.0.0.1', 'IP')).toBe('[:][:]ffff[:]10[.]0[.]0[.]1');
  });

  it('leaves GUIDs, names and plain user agents untouched, defangs URLs inside user agents', () => {
    expect(defang(expected.cli_app_id, 'App ID')).toBe(expected.cli_app_id);
    expect(defang(expected.account, 'Account')).toBe(expected.account);
    expect(defang(expected.cli_user_agent, 'User agent')).toBe(expected.cli_user_agent);
    expect(defang(expected.ps_user_agent, 'User agent')).toBe(expected.ps_user_agent);
    expect(defang('Mozilla/5.0 (+http://bot.example.com/help)', 'User agent')).toBe('Mozilla/5.0 (+hxxp://bot[.]example[.]com/help)');
  });

  it('defangs free text: URLs and stand-alone IPv4, not version numbers', () => {
    expect(defangText('from 201.231.8.199. Then https://x.example/a')).toBe('from 201[.]231[.]8[.]199. Then hxxps://x[.]example/a');
    expect(defangText('KeyVaultClient/3.0.1.0 PSVersion/v5.1.19041.1237')).toBe('KeyVaultClient/3.0.1.0 PSVersion/v5.1.19041.1237');
  });

  it('is idempotent and never leaves a bare dot in a defanged IPv4 (property)', () => {
    const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
    fc.assert(
      fc.property(ipv4, (ip) => {
        const once = defang(ip, 'IP');
        expect(defang(once, 'IP')).toBe(once);
        expect(once.replace(/\[\.\]/g, '')).not.toContain('.');
        expect(once.replace(/\[\.\]/g, '.')).toBe(ip);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

// IR-convention defanging of indicators (201[.]231[.]8[.]199, hxxps://host[.]tld/path) so reports never carry live links.
import type { IocType } from './model';

// A dot or colon not already inside brackets, so defanging is idempotent.
const BARE_DOT = /(?<!\[)\.(?!\])/g;
const BARE_COLON = /(?<!\[):(?!\])/g;
const URL_IN_TEXT = /\b(h[tx]{2}ps?|ftp|fxp):\/\/([^\s/?#"'<>]+)/gi;

function defangHost(host: string): string {
  return host.replace(BARE_DOT, '[.]');
}

function defangIp(ip: string): string {
  const dotted = ip.replace(BARE_DOT, '[.]');
  return ip.includes(':') ? dotted.replace(BARE_COLON, '[:]') : dotted;
}

function defangScheme(scheme: string): string {
  const lower = scheme.toLowerCase();
  if (lower === 'http' || lower === 'https') return lower.replace('tt', 'xx');
  if (lower === 'ftp') return 'fxp';
  return lower;
}

/** Defang URLs embedded in free text: scheme and host only; the path stays readable. */
export function defangUrlsIn(text: string): string {
  return text.replace(URL_IN_TEXT, (_m, scheme: string, host: string) => `${defangScheme(scheme)}://${defangHost(host)}`);
}

export function defang(value: string, type: IocType): string {
  switch (type) {
    case 'IP':
      return defangIp(value);
    case 'Domain':
      return defangHost(value);
    case 'UPN': {
      const at = value.lastIndexOf('@');
      return at < 0 ? value : value.slice(0, at + 1) + defangHost(value.slice(at + 1));
    }
    case 'URL':
      return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? defangUrlsIn(value) : defangHost(value);
    case 'User agent':
      return defangUrlsIn(value);
    default:
      return value;
  }
}

const IPV4_TOKEN =
  /(?<![\w./:-])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w/:-]|\.\w)/g;

/** Free text (titles, notes, key fields): defangs URLs and stand-alone IPv4 addresses, leaves versions like 3.0.1.0 in 'x/3.0.1.0'. */
export function defangText(text: string): string {
  return defangUrlsIn(text).replace(IPV4_TOKEN, (ip) => defangIp(ip));
}

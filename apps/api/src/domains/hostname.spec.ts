import { checkHostname } from './hostname';

const own = ['lt.example.net', 'app.example.net'];

describe('checkHostname', () => {
  it.each([
    ['Go.Example.COM', 'go.example.com'],
    ['go.example.com.', 'go.example.com'],
    ['  links.acme.co.uk ', 'links.acme.co.uk'],
    ['Bücher.de', 'xn--bcher-kva.de'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['my-site.github.io', 'my-site.github.io'],
  ])('%p → %p', (input, hostname) => {
    expect(checkHostname(input, own)).toEqual({ ok: true, hostname });
  });

  it.each([
    ['192.168.1.10', 'domain must be a host name, not an IP address'],
    ['[::1]', 'domain must be a host name, not an IP address'],
    ['2001:db8::1', 'domain must be a host name, not an IP address'],
    ['https://go.example.com/x', 'domain must be a host name such as go.example.com, not a URL'],
    ['co.uk', 'co.uk is a public suffix; use a domain registered under it'],
    ['github.io', 'github.io is a public suffix; use a domain registered under it'],
    ['com', 'com is a public suffix; use a domain registered under it'],
    ['foo.notarealtld', 'domain has an unknown top-level domain (.notarealtld)'],
    ['-bad.example.com', 'domain is not a valid host name'],
    ['a..example.com', 'domain is not a valid host name'],
    [`${'a'.repeat(64)}.example.com`, 'domain is not a valid host name'],
    ['LT.example.net', "lt.example.net is LinkTrace's own domain"],
    ['', 'domain is required'],
  ])('%p is refused', (input, reason) => {
    expect(checkHostname(input, own)).toEqual({ ok: false, reason });
  });
});

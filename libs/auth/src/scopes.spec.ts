import { coversGrant, grantsAccess, missingScopeName } from './scopes';

describe('scopes', () => {
  it('a full scope opens every method; `:read` only reads', () => {
    expect(grantsAccess(['links'], ['links'], 'POST')).toBe(true);
    expect(grantsAccess(['links:read'], ['links'], 'GET')).toBe(true);
    expect(grantsAccess(['links:read'], ['links'], 'HEAD')).toBe(true);
    expect(grantsAccess(['links:read'], ['links'], 'DELETE')).toBe(false);
    expect(grantsAccess(['tags'], ['links'], 'GET')).toBe(false);
  });

  it('a route open to several scopes accepts any of them', () => {
    expect(grantsAccess(['analytics:read'], ['links', 'analytics'], 'GET')).toBe(true);
    expect(grantsAccess(['folders'], ['links', 'analytics'], 'GET')).toBe(false);
  });

  it('names the least grant that would open the route', () => {
    expect(missingScopeName(['links'], 'GET')).toBe('links:read');
    expect(missingScopeName(['links'], 'PATCH')).toBe('links');
  });

  it('no escalation: `links` covers `links:read`, never the reverse', () => {
    expect(coversGrant(['links'], 'links:read')).toBe(true);
    expect(coversGrant(['links'], 'links')).toBe(true);
    expect(coversGrant(['links:read'], 'links')).toBe(false);
    expect(coversGrant(['links'], 'tags:read')).toBe(false);
  });
});

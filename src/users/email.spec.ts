import { emailProblem, normalizeEmail } from './email';

describe('account emails', () => {
  it.each([
    ['ＡＤＭＩＮ@Example.COM', 'admin@example.com'],
    ['  Admin@example.com ', 'admin@example.com'],
    ['𝐚𝐝𝐦𝐢𝐧@example.com', 'admin@example.com'],
    ['user@BÜCHER.example', 'user@xn--bcher-kva.example'],
    ['Иван@example.com', 'иван@example.com'],
  ])('normalises %s to %s', (raw, normalized) => {
    expect(normalizeEmail(raw)).toBe(normalized);
    expect(emailProblem(raw)).toBeNull();
  });

  it.each([
    ['user.name+tag@example.com'],
    ['иван.петров@example.com'],
    ['ελένη@example.com'],
    ['山田たろう@example.jp'],
    ['김철수@example.kr'],
    ['उपयोगकर्ता@example.in'],
  ])('accepts %s', (email) => {
    expect(emailProblem(email)).toBeNull();
  });

  it.each([
    ['adm\u200Bin@example.com', /invisible/],
    ['admin\u2066@example.com', /invisible/],
    ['ad min@example.com', /invisible/],
    ['\u0430dmin@example.com', /Latin/],
    ['adm\u0131n@example.com', /Latin/],
    ['adm\u0130n@example.com', /Latin/],
    ['admi\u0307n@example.com', /Latin/],
    ['josé@example.com', /Latin/],
    ['иванο@example.com', /mix scripts/],
    ['\u0438\u0307@example.com', /script/],
    ['not-an-email', /valid email/],
    ['user@exa_mple..com', /valid email/],
  ])('refuses %s', (email, problem) => {
    expect(emailProblem(email)).toMatch(problem);
  });

  it('refuses an address longer than 254 characters once normalised', () => {
    // U+3394 (a square "THz" sign) becomes three letters under NFKC: 215 code points become 255.
    const domain = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(62)}.com`;
    expect(emailProblem(`${'\u3394'.repeat(20)}@${domain}`)).toMatch(/valid email/);
  });
});

// WhatsApp templates Naskah sends. With the Cloud API each must be created (and approved) in
// WhatsApp Manager under the same name, language "id", body text as below ({{n}} = parameter);
// text gateways (Fonnte) get the rendered text.
export interface WhatsAppTemplate {
  name: string;
  body: string;
}

const templates = new Map<string, WhatsAppTemplate>();

export function registerWhatsAppTemplate(t: WhatsAppTemplate): void {
  const existing = templates.get(t.name);
  if (existing && existing.body !== t.body) throw new Error(`WhatsApp template ${t.name} registered twice with different text`);
  templates.set(t.name, t);
}

export function whatsAppTemplate(name: string): WhatsAppTemplate {
  const t = templates.get(name);
  if (!t) throw new Error(`unknown WhatsApp template ${name}`);
  return t;
}

export function listWhatsAppTemplates(): WhatsAppTemplate[] {
  return [...templates.values()];
}

/** The body with {{1}}, {{2}} … replaced. */
export function renderTemplate(body: string, params: string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (_, n: string) => params[Number(n) - 1] ?? '');
}

export function placeholderCount(body: string): number {
  let max = 0;
  for (const m of body.matchAll(/\{\{(\d+)\}\}/g)) max = Math.max(max, Number(m[1]));
  return max;
}

// Built-in templates.
registerWhatsAppTemplate({
  name: 'naskah_kode_otp',
  body: 'Kode verifikasi Naskah Anda: {{1}}. Berlaku {{2}} menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas.',
});
registerWhatsAppTemplate({
  name: 'naskah_tautan_aktivasi',
  body: 'Yth. {{1}}, {{2}}. Lanjutkan melalui tautan berikut: {{3}}',
});
registerWhatsAppTemplate({
  name: 'naskah_pemberitahuan',
  body: '{{1}}. Buka Naskah untuk melihatnya: {{2}}',
});

import type { Config } from '../../../core/config.js';
import { permanent } from './channel.js';
import { send } from './http.js';

// SMS and voice go through a provider; this one speaks Twilio's REST API (and that of compatible
// services, or a local fake in tests, through TWILIO_BASE_URL).

export interface TelephonyProvider {
  sendSms(to: string, body: string, options: ProviderCall): Promise<{ providerId: string | null }>;
  call(to: string, speech: string, options: ProviderCall): Promise<{ providerId: string | null }>;
}

export type ProviderCall = { idempotencyKey: string; timeoutMs: number; now: number };

const xml = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export function twilioProvider(settings: NonNullable<Config['twilio']>): TelephonyProvider {
  const auth = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  const post = async (resource: 'Messages' | 'Calls', form: Record<string, string>, options: ProviderCall) => {
    const url = `${settings.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/${resource}.json`;
    const answer = await send(
      url,
      {
        headers: {
          authorization: auth,
          'content-type': 'application/x-www-form-urlencoded',
          'i-twilio-idempotency-token': options.idempotencyKey,
          'idempotency-key': options.idempotencyKey,
        },
        body: new URLSearchParams(form).toString(),
      },
      { ...options, rules: null }, // the operator's own TWILIO_BASE_URL, not an address a person entered
    );
    try {
      return { providerId: (JSON.parse(answer.body) as { sid?: string }).sid ?? null };
    } catch {
      return { providerId: null };
    }
  };
  return {
    sendSms: (to, body, options) => post('Messages', { To: to, From: settings.from, Body: body }, options),
    call: (to, speech, options) =>
      post(
        'Calls',
        {
          To: to,
          From: settings.from,
          Twiml: `<Response><Say>${xml(speech)}</Say><Pause length="1"/><Say>${xml(speech)}</Say></Response>`,
        },
        options,
      ),
  };
}

export function providerFrom(config: Config): TelephonyProvider {
  if (!config.twilio)
    throw permanent('SMS and voice are off: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM');
  return twilioProvider(config.twilio);
}

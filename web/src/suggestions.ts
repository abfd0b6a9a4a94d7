/**
 * The values the form suggests (issue 17: autocomplete for agencies and Nơi nhận), by the kind a field's schema
 * names ("x-suggest": agencies, recipients; the form draws those fields with Combobox.tsx): first the agency
 * profiles the key sees (GET /v1/agencies: names, parent names, usual Nơi nhận), then what the key's agency
 * wrote before in its drafts and issued documents (GET /v1/suggestions), each value once.
 */
import { useEffect, useMemo, useState } from 'react';
import { getSuggestions, type AgencyProfile } from './api.js';

type Past = { agencies: string[]; recipients: string[] };

const unique = (values: unknown[]): string[] => [...new Set(values.filter((v): v is string => typeof v === 'string' && v.trim() !== ''))];

export function useSuggestions(profiles: AgencyProfile[]): Record<string, string[]> {
  const [past, setPast] = useState<Past>({ agencies: [], recipients: [] });
  useEffect(() => {
    let cancelled = false;
    // Suggestions help, they are not needed: a refusal or an older service leaves the profiles' values.
    Promise.all([getSuggestions('agencies').catch(() => []), getSuggestions('recipients').catch(() => [])]).then(([agencies, recipients]) => {
      if (!cancelled) setPast({ agencies, recipients });
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return useMemo(() => {
    const parentOf = (p: AgencyProfile) => ((p.fields.agency as { parent?: { name?: unknown } } | undefined)?.parent?.name);
    return {
      agencies: unique([...profiles.flatMap((p) => [p.name, parentOf(p)]), ...past.agencies]),
      recipients: unique([...profiles.flatMap((p) => p.recipients), ...past.recipients]),
    };
  }, [profiles, past]);
}

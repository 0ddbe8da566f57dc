/**
 * Settings as server state (react-query): the tenant's (administrators) and the signed-in
 * person's own. The person's theme has one source of truth in the console, the preferences
 * store that paints it (preferences-store.ts): the backend's value is applied to it at
 * sign-in, and any change to it, from Settings or the top bar, is saved back to the backend
 * so that it follows the person to another machine. Notification kinds and do-not-disturb
 * are also handed to main's notification policy, so native notifications follow them.
 */
import { useEffect, useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MySettings, RequestArgs, ThemeSetting } from '../../../shared/ipc/contract';
import type { NotificationKind } from '../../../shared/domain';
import { request } from '../bridge/bridge';
import { usePreferences, type ThemePreference } from '../stores/preferences-store';

export const tenantSettingsKey = ['settings', 'tenant'] as const;
export const mySettingsKey = ['settings', 'mine'] as const;

const TO_PREFERENCE: Record<ThemeSetting, ThemePreference> = {
  SYSTEM: 'system',
  LIGHT: 'light',
  DARK: 'dark',
};
const TO_SETTING: Record<ThemePreference, ThemeSetting> = { system: 'SYSTEM', light: 'LIGHT', dark: 'DARK' };

export function useTenantSettings(enabled: boolean) {
  return useQuery({
    queryKey: tenantSettingsKey,
    queryFn: () => request('settings/getTenant', {}),
    enabled,
    staleTime: 0,
  });
}

export function useUpdateTenantSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: RequestArgs<'settings/updateTenant'>) => request('settings/updateTenant', change),
    onSuccess: (settings) => queryClient.setQueryData(tenantSettingsKey, settings),
  });
}

export function useMySettings(enabled = true) {
  return useQuery({
    queryKey: mySettingsKey,
    queryFn: () => request('settings/getMine', {}),
    enabled,
    staleTime: Infinity,
  });
}

/** Hands the person's notification choices to main's notification policy (native alerts). */
async function applyToNotificationPolicy(settings: MySettings): Promise<void> {
  const kinds: Partial<Record<NotificationKind, boolean>> = {};
  for (const { kind, enabled } of settings.notificationKinds) kinds[kind] = enabled;
  await request('notifications/updateSettings', { doNotDisturb: settings.doNotDisturb, kinds });
}

/** Saves a change to one's own settings; notification choices reach main's policy too. */
export function useUpdateMySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (change: RequestArgs<'settings/updateMine'>) => {
      const saved = await request('settings/updateMine', change);
      if (change.notificationKinds || change.doNotDisturb !== undefined)
        await applyToNotificationPolicy(saved);
      return saved;
    },
    // Shown at once (a checkbox follows the click), put back if the backend refuses it.
    onMutate: (change) => {
      const previous = queryClient.getQueryData<MySettings>(mySettingsKey);
      if (previous) queryClient.setQueryData(mySettingsKey, withChange(previous, change));
      return { previous };
    },
    onError: (_error, _change, context) => {
      if (context?.previous) queryClient.setQueryData(mySettingsKey, context.previous);
    },
    onSuccess: (settings) => queryClient.setQueryData(mySettingsKey, settings),
  });
}

function withChange(settings: MySettings, change: RequestArgs<'settings/updateMine'>): MySettings {
  const wanted = new Map((change.notificationKinds ?? []).map((k) => [k.kind, k.enabled]));
  return {
    notificationKinds: settings.notificationKinds.map((k) => ({
      ...k,
      enabled: wanted.get(k.kind) ?? k.enabled,
    })),
    doNotDisturb: change.doNotDisturb ?? settings.doNotDisturb,
    theme: change.theme ?? settings.theme,
  };
}

/** Set while the backend's theme is being applied, so that it is not saved straight back. */
let applyingSavedTheme = false;

/**
 * While signed in: applies the person's saved theme and notification choices once they are
 * loaded, and saves every later theme change (whoever makes it) to the backend. A theme
 * chosen here before the saved settings arrived wins over them (and is saved).
 */
export function useMySettingsSync(signedIn: boolean): void {
  const queryClient = useQueryClient();
  const mine = useMySettings(signedIn);
  const loaded = mine.data !== undefined;
  const earlyChoice = useRef<ThemePreference | null>(null);

  useEffect(() => {
    if (!signedIn || loaded) return;
    earlyChoice.current = null;
    return usePreferences.subscribe((state, previous) => {
      if (state.theme !== previous.theme) earlyChoice.current = state.theme;
    });
  }, [signedIn, loaded]);

  useEffect(() => {
    const saved = queryClient.getQueryData<MySettings>(mySettingsKey);
    if (!loaded || !saved) return;
    const save = (preference: ThemePreference) => {
      const theme = TO_SETTING[preference];
      queryClient.setQueryData<MySettings>(mySettingsKey, (old) => (old ? { ...old, theme } : old));
      void request('settings/updateMine', { theme }).catch(() => undefined);
    };
    // Once per sign-in (sign-out drops the query): later changes are this console's own.
    if (earlyChoice.current) save(earlyChoice.current);
    else {
      applyingSavedTheme = true;
      usePreferences.getState().setTheme(TO_PREFERENCE[saved.theme]);
      applyingSavedTheme = false;
    }
    earlyChoice.current = null;
    void applyToNotificationPolicy(saved).catch(() => undefined);
    return usePreferences.subscribe((state, previous) => {
      if (state.theme !== previous.theme && !applyingSavedTheme) save(state.theme);
    });
  }, [loaded, queryClient]);
}

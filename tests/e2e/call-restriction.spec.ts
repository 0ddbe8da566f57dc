/**
 * Spec, Important Notice: the administrator cannot join or take over an ongoing 1-to-1
 * call or conference call. The panel says why, live, and allows again when the call ends.
 */
import { column, expect, openRoom, test } from './support/fixtures';

for (const kind of ['ONE_TO_ONE', 'CONFERENCE'] as const) {
  test(`Join and Take over are disabled with the reason during a ${kind === 'ONE_TO_ONE' ? '1-to-1' : 'conference'} call`, async ({
    api,
    consoleAs,
    visitorName,
  }) => {
    const visitor = visitorName(kind === 'ONE_TO_ONE' ? 'Caller' : 'Conference Caller');
    const enquiryId = await api.handlingEnquiry(visitor, 'grace@demo.test');
    const ada = await consoleAs('ada@demo.test');
    const pane = await openRoom(ada, visitor);
    const join = pane.getByRole('button', { name: 'Join', exact: true });
    const takeOver = pane.getByRole('button', { name: 'Take over', exact: true });
    await expect(join).toBeEnabled();

    // The agent starts a call: the open pane updates live.
    await api.startCall('grace@demo.test', enquiryId, kind);
    const reason =
      kind === 'ONE_TO_ONE' ? 'A 1-to-1 call is in progress' : 'A conference call is in progress';
    await expect(join).toBeDisabled();
    await expect(takeOver).toBeDisabled();
    await expect(pane.getByRole('group', { name: 'Monitor panel' })).toContainText(reason);
    await expect(join).toHaveAccessibleDescription(new RegExp(reason));
    await expect(pane.locator('header')).toContainText('in progress');
    await ada.getByRole('searchbox', { name: 'Search visitor or subject' }).fill(visitor);
    await expect(column(ada, 'Handling').getByRole('button', { name: visitor, exact: true })).toContainText(
      'call ongoing',
    );

    // The server is the judge, not only the UI.
    expect(await api.joinErrorCode('ada@demo.test', enquiryId)).toBe('CALL_IN_PROGRESS');

    await api.endCall('grace@demo.test', enquiryId);
    await expect(join).toBeEnabled();
    await expect(takeOver).toBeEnabled();
  });
}

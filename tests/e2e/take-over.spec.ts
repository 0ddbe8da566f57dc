/**
 * Spec: "Admin takes over the enquiry" — Take over + OK + toast, then Proceed opens the
 * chat room as owner; and two admins racing to take over: exactly one wins.
 */
import { answerDialog, expect, openRoom, test, toast } from './support/fixtures';

test('take over + OK ends in a toast; Proceed opens the chat room as owner', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Takeover Visitor');
  const enquiryId = await api.handlingEnquiry(visitor, 'grace@demo.test');
  const grace = await consoleAs('grace@demo.test');
  const graceRoom = await openRoom(grace, visitor);
  const ada = await consoleAs('ada@demo.test');
  const pane = await openRoom(ada, visitor);

  await pane.getByRole('button', { name: 'Take over', exact: true }).click();
  await answerDialog(ada, 'OK');
  await expect(toast(ada, 'You have taken over the enquiry.')).toBeVisible();
  const proceed = pane.getByRole('button', { name: 'Proceed' });
  await expect(proceed).toBeEnabled();
  await expect(pane.getByRole('button', { name: 'Take over', exact: true })).toBeDisabled();
  await expect(
    pane.locator('[data-kind="SYSTEM"]', { hasText: 'Ada Lovelace (administrator) took over the enquiry' }),
  ).toBeVisible();
  // Take over is disabled now: focus moved on to Proceed, and the header says where Ada stands.
  await expect(proceed).toBeFocused();
  await expect(pane.locator('header')).toContainText('Taken over');
  await expect(pane.getByText('You already own this enquiry.')).toHaveCount(0);

  await proceed.click();
  const chat = pane.getByRole('group', { name: 'Chat room' });
  await expect(chat).toContainText('you are the owner');
  await chat.getByRole('textbox', { name: 'Message' }).fill('I will take it from here.');
  await chat.getByRole('button', { name: 'Send' }).click();
  await expect(pane.getByRole('log')).toContainText('I will take it from here.');

  await expect(toast(grace, 'Ada Lovelace took over the enquiry')).toBeVisible();
  await expect(graceRoom.locator('[data-kind="SYSTEM"]', { hasText: 'took over the enquiry' })).toBeVisible();
  expect(await api.owner('ada@demo.test', enquiryId)).toBe('Ada Lovelace');
});

test('two admins race to take over: exactly one wins, the other is told who did', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Race Visitor');
  const enquiryId = await api.handlingEnquiry(visitor, 'linus@demo.test');
  const ada = await consoleAs('ada@demo.test');
  const alan = await consoleAs('alan@demo.test');
  const adaPane = await openRoom(ada, visitor);
  const alanPane = await openRoom(alan, visitor);

  // Both open the confirmation while the enquiry is still Linus's…
  await adaPane.getByRole('button', { name: 'Take over', exact: true }).click();
  await alanPane.getByRole('button', { name: 'Take over', exact: true }).click();
  await expect(ada.getByRole('dialog')).toBeVisible();
  await expect(alan.getByRole('dialog')).toBeVisible();
  // …and press OK at the same time. A console that hears of the winner before its OK lands
  // withdraws its question instead (and tells the same way): either is one answer.
  const pressOk = (page: typeof ada) =>
    page
      .getByRole('dialog')
      .getByRole('button', { name: 'OK' })
      .click({ timeout: 5_000 })
      .catch(async (error: unknown) => {
        if ((await page.getByRole('dialog').count()) > 0) throw error;
      });
  await Promise.all([pressOk(ada), pressOk(alan)]);

  // Each console ends in exactly one answer: the success toast or the refusal.
  const outcome = (page: typeof ada) =>
    toast(page, 'You have taken over the enquiry.').or(toast(page, 'Could not take over the enquiry'));
  await expect(outcome(ada)).toHaveCount(1);
  await expect(outcome(alan)).toHaveCount(1);
  const adaWon = await toast(ada, 'You have taken over the enquiry.').isVisible();
  const alanWon = await toast(alan, 'You have taken over the enquiry.').isVisible();
  expect(Number(adaWon) + Number(alanWon)).toBe(1);
  const [winner, loser, loserPane] = adaWon
    ? ['Ada Lovelace', alan, alanPane]
    : ['Alan Turing', ada, adaPane];

  await expect(toast(loser, 'Could not take over the enquiry')).toContainText(winner);
  await expect(loserPane.getByRole('alert')).toContainText(winner);
  // Said once in the panel (the notice), not again by the reason line beneath the buttons.
  await expect(loserPane.getByRole('group', { name: 'Monitor panel' }).getByText(winner)).toHaveCount(1);
  await expect(loserPane.locator('header')).toContainText(`Owner${winner}`);
  await expect(loserPane.getByRole('button', { name: 'Proceed' })).toBeDisabled();
  expect(await api.owner('ada@demo.test', enquiryId)).toBe(winner);
});

test('a confirmation open while someone else takes over is withdrawn, and says who owns it now', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Changed Visitor');
  const enquiryId = await api.handlingEnquiry(visitor, 'linus@demo.test');
  const ada = await consoleAs('ada@demo.test');
  const pane = await openRoom(ada, visitor);
  await pane.getByRole('button', { name: 'Take over', exact: true }).click();
  await expect(ada.getByRole('dialog')).toContainText('instead of Linus Torvalds');

  await api.takeOver('alan@demo.test', enquiryId);
  await expect(ada.getByRole('dialog')).toHaveCount(0);
  await expect(toast(ada, 'Could not take over the enquiry')).toContainText('Alan Turing owns it now');
  await expect(pane.getByRole('alert')).toContainText('Alan Turing');
  await expect(pane.locator('header')).toContainText('OwnerAlan Turing');
  expect(await api.owner('ada@demo.test', enquiryId)).toBe('Alan Turing');
});

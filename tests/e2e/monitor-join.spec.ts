/**
 * Spec: "Admin monitors an enquiry" and "Admin joins the enquiry conversation" — then
 * Go to Chat Room → More (...) → Take over. The agent sees toasts and system messages.
 */
import { answerDialog, column, expect, openRoom, roomPane, test, toast } from './support/fixtures';

test('an admin monitors a Handling enquiry from the board: transcript and monitor panel', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Monitor Visitor');
  await api.handlingEnquiry(visitor, 'grace@demo.test');
  const ada = await consoleAs('ada@demo.test');

  // The new enquiry arrives live in the Handling column, with its owner agent.
  const card = column(ada, 'Handling').getByRole('button', { name: visitor, exact: true });
  await ada.getByRole('searchbox', { name: 'Search visitor or subject' }).fill(visitor);
  await expect(card).toBeVisible();
  await expect(card).toContainText('Grace Hopper');

  const pane = await openRoom(ada, visitor);
  await expect(pane.getByRole('log')).toContainText('My order has not arrived');
  const panel = pane.getByRole('group', { name: 'Monitor panel' });
  await expect(panel.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();
  await expect(panel.getByRole('button', { name: 'Take over', exact: true })).toBeEnabled();
  await expect(panel.getByRole('button', { name: 'Go to Chat Room' })).toBeDisabled();
  await expect(panel.getByRole('button', { name: 'Proceed' })).toBeDisabled();
  await expect(panel).toContainText('You are monitoring this enquiry.');

  // The board shows who is monitoring.
  await ada.getByRole('searchbox', { name: 'Search visitor or subject' }).fill(visitor);
  await expect(card).toContainText('Monitored by Ada Lovelace');
});

test('join + Cancel changes nothing; join + OK ends in a toast, the agent sees a toast and a system message', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Join Visitor');
  await api.handlingEnquiry(visitor, 'grace@demo.test');
  const grace = await consoleAs('grace@demo.test');
  const graceRoom = await openRoom(grace, visitor);
  await expect(graceRoom.getByRole('group', { name: 'Monitor panel' })).toHaveCount(0);

  const ada = await consoleAs('ada@demo.test');
  const pane = await openRoom(ada, visitor);
  const join = pane.getByRole('button', { name: 'Join', exact: true });

  await join.click();
  await expect(ada.getByRole('dialog')).toContainText('Join this enquiry?');
  await answerDialog(ada, 'Cancel');
  await expect(join).toBeEnabled();
  await expect(pane.getByRole('button', { name: 'Go to Chat Room' })).toBeDisabled();

  await join.click();
  await answerDialog(ada, 'OK');
  await expect(toast(ada, 'You have joined the enquiry.')).toBeVisible();
  await expect(pane.getByRole('button', { name: 'Go to Chat Room' })).toBeEnabled();
  await expect(join).toBeDisabled();
  await expect(
    pane.locator('[data-kind="SYSTEM"]', { hasText: 'Ada Lovelace (administrator) joined the enquiry.' }),
  ).toBeVisible();
  await expect(pane.locator('header')).toContainText('Parties3');

  // The agent: a toast and the system message in her room.
  await expect(toast(grace, 'Ada Lovelace joined the enquiry')).toBeVisible();
  await expect(graceRoom.locator('[data-kind="SYSTEM"]', { hasText: 'joined the enquiry' })).toBeVisible();
});

test('after joining, Go to Chat Room opens the chat room; More (...) → Take over → OK', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Chat Visitor');
  await api.handlingEnquiry(visitor, 'linus@demo.test');
  const linus = await consoleAs('linus@demo.test');
  const linusRoom = await openRoom(linus, visitor);
  const ada = await consoleAs('ada@demo.test');
  const pane = await openRoom(ada, visitor);

  // From the keyboard: Join, Enter on OK. Join is then disabled, and focus moves on to the
  // next step in the room (never to the page).
  await pane.getByRole('button', { name: 'Join', exact: true }).focus();
  await ada.keyboard.press('Enter');
  await expect(ada.getByRole('dialog')).toBeVisible();
  await ada.keyboard.press('Enter');
  await expect(toast(ada, 'You have joined the enquiry.')).toBeVisible();
  await expect(pane.getByRole('button', { name: 'Join', exact: true })).toBeDisabled();
  await expect(pane.locator('header')).toContainText('Joined');
  await expect(pane.getByRole('button', { name: 'Go to Chat Room' })).toBeFocused();

  await ada.keyboard.press('Enter');
  const chat = pane.getByRole('group', { name: 'Chat room' });
  await expect(chat).toBeVisible();
  // Its button gave way to the chat room: focus is in the chat room, on the message box.
  await expect(chat.getByRole('textbox', { name: 'Message' })).toBeFocused();
  await chat.getByRole('textbox', { name: 'Message' }).fill('Hello, I am the supervisor, happy to help.');
  await chat.getByRole('button', { name: 'Send' }).click();
  await expect(linusRoom.getByRole('log')).toContainText('Hello, I am the supervisor, happy to help.');

  await chat.getByRole('button', { name: 'More' }).click();
  await ada.getByRole('menuitem', { name: 'Take over' }).click();
  await expect(ada.getByRole('dialog')).toContainText('Take over this enquiry?');
  await answerDialog(ada, 'OK');
  await expect(toast(ada, 'You have taken over the enquiry.')).toBeVisible();
  await expect(chat).toContainText('you are the owner');
  await expect(pane.locator('header')).toContainText('OwnerAda Lovelace');
  // The agent stays in the room with her; he did not "join" it.
  await expect(pane.locator('header')).toContainText('WithLinus Torvalds');
  await expect(pane.locator('header')).not.toContainText('Joined');

  await expect(toast(linus, 'Ada Lovelace took over the enquiry')).toBeVisible();
  await expect(linusRoom.locator('[data-kind="SYSTEM"]', { hasText: 'took over the enquiry' })).toBeVisible();
  await expect(roomPane(linus, visitor).locator('header')).toContainText('OwnerAda Lovelace');
});

test('an admin whispers to the agent from the pane; the whisper is styled apart', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Whisper Visitor');
  await api.handlingEnquiry(visitor, 'margaret@demo.test');
  const margaret = await consoleAs('margaret@demo.test');
  const margaretRoom = await openRoom(margaret, visitor);
  const ada = await consoleAs('ada@demo.test');
  const pane = await openRoom(ada, visitor);

  // Too long a whisper is not cut silently: the composer says by how much, and sends nothing.
  const whisperBox = pane.getByRole('textbox', { name: 'Whisper to the agent' });
  const whisperButton = pane.getByRole('button', { name: 'Whisper', exact: true });
  await whisperBox.fill('x'.repeat(4_005));
  await expect(whisperBox).toHaveValue('x'.repeat(4_005));
  const lengthNote = pane.getByText('5 characters over the limit of 4,000: shorten it to send.');
  await expect(lengthNote).toHaveRole('status');
  await expect(whisperBox).toHaveAccessibleDescription(/5 characters over the limit/);
  await expect(whisperBox).toHaveAttribute('aria-invalid', 'true');
  await expect(whisperButton).toBeDisabled();

  await whisperBox.fill('Offer the express re-send.');
  await expect(lengthNote).toHaveCount(0);
  await whisperButton.click();
  await expect(
    pane.locator('[data-kind="WHISPER"]', { hasText: 'Offer the express re-send.' }),
  ).toBeVisible();
  await expect(
    margaretRoom.locator('[data-kind="WHISPER"]', { hasText: 'Offer the express re-send.' }),
  ).toContainText('Whisper');
});

test('a double click on Cancel or OK answers once: the rest of it reaches nothing beneath the dialog', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Double Click');
  await api.handlingEnquiry(visitor, 'grace@demo.test');
  const ada = await consoleAs('ada@demo.test');
  const pane = await openRoom(ada, visitor);
  const panes = ada.getByRole('region', { name: /^Room: / });
  await expect(panes).toHaveCount(1);
  // Whatever lies beneath the dialog (a board card would open its room) hears clicks by
  // bubbling; count the ones of a multi-click that get there.
  await ada.evaluate(() => {
    const w = window as unknown as { leaked: number };
    w.leaked = 0;
    document.addEventListener('click', (event) => {
      if (event.detail > 1) w.leaked++;
    });
  });
  const leaked = () => ada.evaluate(() => (window as unknown as { leaked: number }).leaked);

  await pane.getByRole('button', { name: 'Join', exact: true }).click();
  const dialog = ada.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).dblclick();
  await expect(dialog).toBeHidden();
  expect(await leaked()).toBe(0);
  await expect(pane.getByRole('group', { name: 'Monitor panel' })).toContainText(
    'You are monitoring this enquiry.',
  );

  // OK, double-clicked: joined once (one system message), nothing else reached.
  await pane.getByRole('button', { name: 'Join', exact: true }).click();
  await dialog.getByRole('button', { name: 'OK', exact: true }).dblclick();
  await expect(toast(ada, 'You have joined the enquiry.')).toBeVisible();
  await expect(
    pane.getByRole('log').getByText('Ada Lovelace (administrator) joined the enquiry.'),
  ).toHaveCount(1);
  expect(await leaked()).toBe(0);
  await expect(panes).toHaveCount(1);
});

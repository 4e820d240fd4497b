"""A runner who only presses what is on their screen, for the fault and fuzz tests.

They look at the newest message that has buttons and press what a runner would press there
(or type the answer a question without buttons asks for). When nothing on screen has buttons
they send /start, as a lost runner would. They never reach into the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.offline import ChatDriver, FakeBotApi, StoredMessage

WANTED_DAYS = ("Tue", "Thu")


@dataclass
class ScreenRunner:
    driver: ChatDriver
    api: FakeBotApi
    steps: int = 0
    presses: list[str] = field(default_factory=list)

    def _with_buttons(self) -> StoredMessage | None:
        for message in reversed(self.api.messages(self.driver.chat_id)):
            if message.button_labels:
                return message
        return None

    def _newest(self) -> StoredMessage | None:
        messages = self.api.messages(self.driver.chat_id)
        return messages[-1] if messages else None

    @property
    def finished_session(self) -> bool:
        newest = self._newest()
        return newest is not None and "Summary" in newest.plain_text

    async def step(self) -> None:
        """One action, chosen from what is on screen."""
        self.steps += 1
        newest = self._newest()
        if newest is not None and "6/6" in newest.plain_text and not newest.button_labels:
            await self._type("Berlin")
            return
        message = self._with_buttons()
        if message is None:
            await self._type("/start")
            return
        label = self._choose(message)
        if not any(shown.startswith(label) for shown in message.button_labels):
            label = message.button_labels[0]  # a screen the rules above misread
        await self._press(message, label)

    def _choose(self, message: StoredMessage) -> str:
        text, labels = message.plain_text, message.button_labels
        if "1/6" in text:
            return "Beginner"
        if "2/6" in text:
            return "Done" if "None ✅" in labels else "None"
        if "3/6" in text:
            for day in WANTED_DAYS:
                if day in labels:  # not ticked yet (a ticked day reads "Tue ✅")
                    return day
            return "Done"
        if "4/6" in text:
            return "None"
        if "5/6" in text:
            return "07:00"
        if "Correct?" in text:
            return "Yes"
        if "Your plan" in text:
            return "Start a session now"
        if "Set " in text and "Done ✅" in labels:
            return "Done"
        if "How did it feel?" in text:
            return "Just right"
        return labels[0]

    async def _press(self, message: StoredMessage, label: str) -> None:
        self.presses.append(label)
        await self.driver.press(label, message)

    async def _type(self, text: str) -> None:
        self.presses.append(text)
        if text.startswith("/"):
            await self.driver.command(text[1:])
        else:
            await self.driver.send(text)

    async def onboard_and_train(self, limit: int = 400) -> None:
        """Press on until a session summary is on screen; AssertionError on a dead end."""
        while not self.finished_session:
            if self.steps >= limit:
                raise AssertionError(
                    f"runner {self.driver.user_id} stuck after {self.steps} steps: "
                    f"{self.presses[-12:]} / {self.api.texts(self.driver.chat_id)[-4:]}"
                )
            await self.step()

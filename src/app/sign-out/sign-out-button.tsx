"use client";

import { Button } from "~/components/button";
import { loadAuthClient } from "~/lib/auth-client";

export function SignOutButton() {
  return (
    <Button
      className="mt-6"
      onClick={() => void loadAuthClient().then(({ signOut }) => signOut({ callbackUrl: "/sign-in" }))}
    >
      Sign out
    </Button>
  );
}

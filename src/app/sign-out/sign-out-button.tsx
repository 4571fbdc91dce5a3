"use client";

import { signOut } from "next-auth/react";
import { Button } from "~/components/button";

export function SignOutButton() {
  return (
    <Button className="mt-6" onClick={() => void signOut({ callbackUrl: "/sign-in" })}>
      Sign out
    </Button>
  );
}

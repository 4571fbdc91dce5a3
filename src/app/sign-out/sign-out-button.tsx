"use client";

import { useEffect, useState } from "react";
import { Button } from "~/components/button";
import { loadAuthClient } from "~/lib/auth-client";
import { clearOfflineData, offlineUser, queuedRuns } from "~/lib/offline-store";

/**
 * Signs out after deleting what this browser kept for offline use (saved pages, queued runs): the
 * next person on this device must not read them (ADR 018). Runs still waiting to be sent are named
 * first, since signing out discards them.
 */
export function SignOutButton() {
  const [leaving, setLeaving] = useState(false);
  const [unsent, setUnsent] = useState(0);
  useEffect(() => {
    offlineUser()
      .then((userId) => (userId ? queuedRuns(userId) : []))
      .then((runs) => setUnsent(runs.length))
      .catch(() => {});
  }, []);
  return (
    <>
      {unsent ? (
        <p role="alert" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {unsent === 1 ? "A run logged offline has" : `${unsent} runs logged offline have`} not been sent yet: signing
          out deletes {unsent === 1 ? "it" : "them"} from this device.
        </p>
      ) : null}
      <Button
        className="mt-6"
        disabled={leaving}
        onClick={() => {
          setLeaving(true);
          void clearOfflineData()
            .catch(() => {})
            .then(() => loadAuthClient())
            .then(({ signOut }) => signOut({ callbackUrl: "/sign-in" }));
        }}
      >
        {leaving ? "Signing out…" : "Sign out"}
      </Button>
    </>
  );
}

import Link from "next/link";
import type { ReactNode } from "react";

/** The "← Up one level" link above a page's heading. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="text-sm">
      <Link href={href} className="text-blue-800 underline-offset-2 hover:underline">
        ← {children}
      </Link>
    </p>
  );
}

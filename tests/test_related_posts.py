"""Related posts: the posts sharing most tags with a post, newest first among equals; worked out
without counting every post that shares a tag (which grows as N × N)."""

from __future__ import annotations

import random

from sphinx_newsposts.index.post_index import RELATED_POSTS, _related_posts
from sphinx_newsposts.reading.post_meta import PostMeta


def every_post_counted(posts: list[PostMeta]) -> dict[str, list[str]]:
    """The definition itself: count the shared tags of every pair of posts."""
    related = {}
    for rank, meta in enumerate(posts):
        shared = [(-len(set(meta.tags) & set(other.tags)), position, other.docname)
                  for position, other in enumerate(posts) if position != rank and set(meta.tags) & set(other.tags)]
        related[meta.docname] = [name for _, _, name in sorted(shared)[:RELATED_POSTS]]
    return related


def test_related_posts_match_counting_every_pair():
    rng = random.Random(7)
    tags = [f"t{number}" for number in range(12)]
    posts = [PostMeta(docname=f"posts/p{number}", is_post=True,
                      tags=rng.sample(tags, rng.choice([0, 1, 1, 2, 3, 3, 5])))
             for number in range(400)]  # newest first, as the index hands them over
    expected = every_post_counted(posts)
    assert any(len(names) == RELATED_POSTS for names in expected.values())
    assert _related_posts(posts) == expected


def test_a_post_sharing_two_tags_comes_before_newer_posts_sharing_one():
    posts = [PostMeta(docname="newest", is_post=True, tags=["a"]),
             PostMeta(docname="newer", is_post=True, tags=["a", "c"]),
             PostMeta(docname="older", is_post=True, tags=["a", "b"]),
             PostMeta(docname="oldest", is_post=True, tags=["a", "b", "c"])]
    assert _related_posts(posts)["oldest"] == ["newer", "older", "newest"]  # two tags each, then one
    assert _related_posts(posts)["newest"] == ["newer", "older", "oldest"]
    assert _related_posts(posts)["older"] == ["oldest", "newest", "newer"]

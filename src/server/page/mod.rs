//! The readers' pages, rendered on the server: the search page (`/`) and an article's page
//! (`/articles/{id}`). They work without script; a small script on the search page (no
//! framework) updates the results as the reader types, offers suggestions under the box
//! and keeps the address bar in step. No web font, no CDN: fast on a phone, readable in
//! Devanagari with the system's fonts. Every message is in Hindi.

mod article;
mod search;
mod text;

pub use article::article;
pub use search::page;

use std::fmt::Write;

use crate::render::escape;

const STYLE: &str = r#"
:root{--fg:#1b1b1b;--muted:#5b5b5b;--accent:#a4331c;--bg:#fffdf8;--line:#e6e1d8;--link:#1a4d8f}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:17px/1.65 system-ui,-apple-system,"Segoe UI","Noto Sans Devanagari","Noto Sans","Mangal","Nirmala UI",sans-serif}
header{padding:1rem;border-bottom:1px solid var(--line);background:#fff}
header .bar{max-width:62rem;margin:0 auto}
h1.brand{margin:0 0 .5rem;font-size:1.4rem}
h1.brand a{color:var(--accent);text-decoration:none}
form{display:flex;flex-wrap:wrap;gap:.5rem;position:relative}
.box{flex:1 1 16rem;position:relative;display:flex}
input,select,button{font:inherit;padding:.45rem .6rem;border:1px solid #c9c2b6;border-radius:6px;background:#fff;min-width:0}
input[type=search]{flex:1}
button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer}
label{font-size:.85rem;color:var(--muted);display:flex;flex-direction:column}
#suggestions{position:absolute;top:100%;left:0;right:0;z-index:5;list-style:none;margin:2px 0 0;padding:0;background:#fff;border:1px solid #c9c2b6;border-radius:6px;box-shadow:0 4px 12px rgba(0,0,0,.08)}
#suggestions li{padding:.35rem .6rem;cursor:pointer}
#suggestions li[aria-selected=true],#suggestions li:hover{background:#fdf0d5}
#suggestions li small{color:var(--muted);margin-left:.4rem}
.page{max-width:62rem;margin:0 auto;padding:1rem;display:grid;grid-template-columns:minmax(0,1fr) 14rem;gap:1.5rem}
.page.single{grid-template-columns:minmax(0,1fr);max-width:46rem}
@media (max-width:48rem){.page{grid-template-columns:minmax(0,1fr)}aside.facets{border-top:1px solid var(--line)}}
.chips a{display:inline-block;margin:0 .4rem .4rem 0;padding:.1rem .6rem;border-radius:999px;background:#fdf0d5;text-decoration:none;font-size:.9rem}
.meta{color:var(--muted);font-size:.9rem}
ol.results{list-style:none;padding:0;margin:0}
li.hit{padding:.9rem 0;border-bottom:1px solid var(--line)}
li.hit h2{margin:0;font-size:1.15rem;line-height:1.4}
a{color:var(--link)}
li.hit h2 a{text-decoration:none}
.info{color:var(--muted);font-size:.85rem}
.snippet{margin:.3rem 0 0}
mark{background:#ffe08a;color:inherit;padding:0 .1em;border-radius:2px}
nav.paging{display:flex;flex-wrap:wrap;gap:.35rem;align-items:center;padding:1rem 0}
nav.paging a,nav.paging span{padding:.2rem .55rem;border-radius:4px;border:1px solid var(--line);text-decoration:none}
nav.paging span.current{background:var(--accent);color:#fff;border-color:var(--accent)}
aside.facets h3{font-size:.95rem;margin:.8rem 0 .3rem}
aside.facets ul{list-style:none;margin:0;padding:0;font-size:.9rem}
aside.facets li a{text-decoration:none;display:flex;justify-content:space-between;gap:.5rem}
aside.facets li a.on{font-weight:600}
aside.facets li a.on::before{content:"✓ "}
.count{color:var(--muted)}
.didyoumean{font-size:1.05rem}
.error{color:#9b1c1c}
.help{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem}
.examples a{display:inline-block;margin:.2rem .4rem .2rem 0;padding:.15rem .6rem;border:1px solid var(--line);border-radius:999px;background:#fff;text-decoration:none}
article.full h2{font-size:1.5rem;line-height:1.35;margin:.2rem 0}
article.full p{margin:.7rem 0}
section.more h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
section.more ul{padding-left:1.1rem}
"#;

/// The page around `main`: head, header with the search form (with `q` in the box and the
/// `hidden` filters kept), and `main`'s HTML in `.page`.
pub fn layout(title: &str, q: &str, hidden: &[(&str, &str)], main: &str, script: bool) -> String {
    let mut h = String::with_capacity(main.len() + 8 * 1024);
    let title = if title.is_empty() {
        "खोज".to_string()
    } else {
        format!("{} — खोज", escape(title))
    };
    let _ = write!(
        h,
        "<!doctype html><html lang=\"hi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title><style>{STYLE}</style></head><body><header><div class=\"bar\"><h1 class=\"brand\"><a href=\"/\">खोज</a></h1><form method=\"get\" action=\"/\" role=\"search\"><div class=\"box\"><input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"समाचार खोजें… (हिंदी या रोमन में: modi)\" aria-label=\"खोज\" autocomplete=\"off\" autofocus></div>",
        escape(q)
    );
    for (k, v) in hidden {
        let _ = write!(
            h,
            "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
            escape(k),
            escape(v)
        );
    }
    h.push_str("<button type=\"submit\">खोजें</button></form></div></header>");
    h.push_str(main);
    if script {
        h.push_str("<script>");
        h.push_str(SCRIPT);
        h.push_str("</script>");
    }
    h.push_str("</body></html>");
    h
}

/// A query string value, percent-encoded.
pub fn url_param(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The search page's script: results as the reader types (the server renders them; the
/// script only fetches the page's `<main>`), suggestions under the box (↑/↓/Enter/Esc),
/// and the address bar kept in step. Without it the form works as a form.
const SCRIPT: &str = r#"
(function(){
var form=document.querySelector('form[role=search]');if(!form||!window.fetch)return;
var input=form.elements.q,main=document.getElementById('main'),box=input.parentNode;
var list=document.createElement('ul');list.id='suggestions';list.setAttribute('role','listbox');list.hidden=true;box.appendChild(list);
input.setAttribute('role','combobox');input.setAttribute('aria-autocomplete','list');input.setAttribute('aria-controls','suggestions');input.setAttribute('aria-expanded','false');
var timer=0,later=0,seq=0,active=-1,items=[];
function query(extra){var p=new URLSearchParams();var d=new FormData(form);d.forEach(function(v,k){if(v&&k!=='page')p.append(k,v)});for(var k in extra)p.set(k,extra[k]);return p}
function hide(){list.hidden=true;input.setAttribute('aria-expanded','false');active=-1}
function show(){list.hidden=items.length===0;input.setAttribute('aria-expanded',String(!list.hidden))}
function mark(){for(var i=0;i<list.children.length;i++)list.children[i].setAttribute('aria-selected',String(i===active))}
function choose(text){input.value=text;hide();form.submit()}
function results(n,extra){fetch('/?'+query(extra).toString()).then(function(r){return r.text()}).then(function(t){if(n===seq){main.innerHTML=t}}).catch(function(){})}
function update(){var n=++seq,q=input.value;clearTimeout(later);
 if(!q.trim()){items=[];list.innerHTML='';hide();return}
 var p=query();history.replaceState(null,'','/?'+p.toString());
 // while typing, the results alone (fast); when typing pauses, with the facets
 results(n,{instant:'1',fragment:'1',facets:'0'});
 later=setTimeout(function(){results(n,{instant:'1',fragment:'1'})},700);
 fetch('/api/suggest?q='+encodeURIComponent(q)).then(function(r){return r.json()}).then(function(j){if(n!==seq)return;
  items=j.suggestions||[];list.innerHTML='';active=-1;
  items.forEach(function(s,i){var li=document.createElement('li');li.id='s'+i;li.setAttribute('role','option');li.textContent=s.text;
   if(s.kind==='query'){var sm=document.createElement('small');sm.textContent='पहले खोजा गया';li.appendChild(sm)}
   li.addEventListener('mousedown',function(e){e.preventDefault();choose(s.text)});list.appendChild(li)});show()}).catch(function(){})}
input.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(update,120)});
input.addEventListener('keydown',function(e){
 if(e.key==='ArrowDown'&&items.length){e.preventDefault();active=(active+1)%items.length;mark()}
 else if(e.key==='ArrowUp'&&items.length){e.preventDefault();active=(active+items.length-1)%items.length;mark()}
 else if(e.key==='Enter'&&active>=0&&!list.hidden){e.preventDefault();choose(items[active].text)}
 else if(e.key==='Escape'){hide()}});
input.addEventListener('blur',function(){setTimeout(hide,150)});
window.addEventListener('popstate',function(){location.reload()});
})();
"#;
